/**
 * The action-plan pages in real Chromium against a real hub: two people edit one plan live (text,
 * rich-text description, indicators) and see each other; a viewer cannot edit; the Coalition
 * progress view sums what was typed; axe-core finds nothing serious on the plans pages.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser.ts';
import { repoRoot } from './support/paths.ts';
import { requireWebDist, seriousViolations, signInWithToken } from './support/web.ts';
import { createWorld, type Persona, type World } from './support/world.ts';

// biome-ignore lint/suspicious/noExplicitAny: the hub's JSON answers are read loosely here
type Json = Record<string, any>;

let w: World;
let browser: Browser;
let hubUrl: string;
let planId: string;

async function apiAs(persona: Persona, method: string, path: string, body?: unknown): Promise<Json> {
  const res = await fetch(`${w.hub.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${w.tokens[persona]}`, 'content-type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as Json;
}

async function storedUntil(cond: (plan: Json) => boolean, ms = 20_000): Promise<Json> {
  const end = Date.now() + ms;
  for (;;) {
    const plan = await apiAs('convener-viewer', 'GET', `/api/v1/plans/${planId}`);
    if (cond(plan)) return plan;
    if (Date.now() > end) throw new Error(`stored plan never matched: ${JSON.stringify(plan)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function openAs(persona: Persona, path: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await signInWithToken(page, hubUrl, w.pats[persona]!);
  await page.goto(`${hubUrl}${path}`);
  return page;
}

beforeAll(async () => {
  w = await createWorld({ webDist: requireWebDist(), hubUrl: 'http://localhost:0', collabRecheckMs: 300 });
  hubUrl = w.hub.deps.config.hubUrl;
  browser = await launchChromium();
  planId = (
    await apiAs('convener-editor', 'POST', `/api/v1/orgs/${w.orgs.company.id}/plans`, {
      period: '2027',
      title: 'Alpha plan 2027',
    })
  ).id as string;
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await w?.close();
}, 60_000);

describe('action plans in Chromium', () => {
  it('lists the plans; a convener editor starts a plan from the list page', async () => {
    const page = await openAs('convener-editor', '/plans');
    await page.getByRole('heading', { name: 'Action plans', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Alpha plan 2027' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('textbox', { name: /^Title/ }).fill('Beta plan 2027-H1');
    await page.getByLabel('Period').fill('2027-H1');
    await page.getByRole('button', { name: 'Create plan' }).click();
    await page.getByRole('heading', { name: 'Plan: Beta plan 2027-H1' }).waitFor();
    const listed = await apiAs('convener-viewer', 'GET', '/api/v1/plans?limit=200');
    expect(listed.items.map((p: Json) => p.title)).toContain('Beta plan 2027-H1');
    // A company member sees its own plans but no form to start one.
    const member = await openAs('company-viewer', '/plans');
    await member.getByRole('link', { name: 'Alpha plan 2027' }).waitFor();
    expect(await member.getByRole('button', { name: 'Create plan' }).count()).toBe(0);
    await page.context().close();
    await member.context().close();
  }, 120_000);

  it('two people edit one plan live and see each other; the edits are stored', async () => {
    const a = await openAs('company-editor', `/plans/${planId}`);
    const b = await openAs('convener-editor', `/plans/${planId}`);
    for (const p of [a, b]) await p.getByRole('heading', { name: 'Plan: Alpha plan 2027' }).waitFor();
    // Presence: each sees the other in "Who is here".
    const here = (p: Page) => p.getByRole('region', { name: 'Who is here' });
    await here(a).getByText('convener-editor@test.example').waitFor();
    await here(b).getByText('company-editor@test.example').waitFor();

    await a.getByRole('button', { name: 'Add activity to Policy' }).click();
    const actA = a.getByRole('group', { name: /^Activity:/ }).first();
    await actA.getByLabel('Activity title').fill('Ban ivory listings');
    const actB = b.getByRole('group', { name: 'Activity: Ban ivory listings' });
    await actB.waitFor();
    expect(await actB.getByLabel('Activity title').inputValue()).toBe('Ban ivory listings');

    // Rich text through TipTap's collaboration extension: typed in A, seen in B.
    await actA.getByRole('textbox', { name: 'Description' }).click();
    await a.keyboard.type('Remove every listing of worked ivory.');
    await actB
      .getByRole('textbox', { name: 'Description' })
      .getByText('Remove every listing of worked ivory.')
      .waitFor();
    // B sees A's caret with A's name.
    await b.locator('.collaboration-carets__label', { hasText: 'company-editor@test.example' }).waitFor();

    // B sets owner, status and an indicator of the shared vocabulary; A sees them.
    await actB.getByLabel('Owner').fill('Trust & Safety');
    await actB.getByLabel('Status').selectOption('in-progress');
    await actB.getByRole('button', { name: /Add indicator/ }).click();
    const ind = actB.getByRole('group', { name: 'Indicator 1' });
    await ind.getByLabel('Indicator', { exact: true }).fill('Ivory listings removed');
    await ind.getByLabel('Kind').selectOption('listings-removed');
    await ind.getByLabel('Target').fill('120');
    await ind.getByLabel('Actual').fill('45');
    await a
      .getByRole('group', { name: 'Indicator 1' })
      .getByLabel('Indicator', { exact: true })
      .and(a.locator('[value="Ivory listings removed"]'))
      .waitFor();
    expect(await actA.getByLabel('Owner').inputValue()).toBe('Trust & Safety');
    expect(await actA.getByLabel('Status').inputValue()).toBe('in-progress');

    const stored = await storedUntil((p) => p.categories.policy[0]?.indicators?.[0]?.actual === 45);
    expect(stored.categories.policy[0]).toMatchObject({
      title: 'Ban ivory listings',
      owner: 'Trust & Safety',
      status: 'in-progress',
      indicators: [{ name: 'Ivory listings removed', kind: 'listings-removed', target: 120, actual: 45 }],
    });
    expect(stored.categories.policy[0].description).toContain('Remove every listing of worked ivory.');

    expect(await seriousViolations(a)).toEqual([]);
    // B leaves the page: A no longer sees B.
    await b.goto(`${hubUrl}/plans`);
    await here(a).getByText('convener-editor@test.example').waitFor({ state: 'detached', timeout: 20_000 });
    await b.context().close();
    await a.context().close();
  }, 180_000);

  it('a viewer reads the plan live but cannot edit it', async () => {
    const v = await openAs('company-viewer', `/plans/${planId}`);
    await v.getByRole('heading', { name: 'Plan: Alpha plan 2027' }).waitFor();
    await v.getByText('You can read this plan').waitFor();
    const act = v.getByRole('group', { name: 'Activity: Ban ivory listings' });
    await act.waitFor();
    expect(await v.getByRole('button', { name: /Add activity/ }).count()).toBe(0);
    expect(await act.getByRole('button', { name: /Remove/ }).count()).toBe(0);
    expect(await act.getByLabel('Activity title').getAttribute('readonly')).not.toBeNull();
    const desc = act.getByRole('textbox', { name: 'Description' });
    expect(await desc.getAttribute('contenteditable')).toBe('false');
    // Typing changes nothing, here or on the hub.
    await act.getByLabel('Activity title').click();
    await v.keyboard.type('HACKED');
    await desc.click();
    await v.keyboard.type('HACKED');
    expect(await act.getByLabel('Activity title').inputValue()).toBe('Ban ivory listings');
    // An editor's change still reaches the viewer live.
    await apiAs('convener-editor', 'POST', `/api/v1/plans/${planId}/versions`, { label: 'Before rename' });
    const e = await openAs('convener-editor', `/plans/${planId}`);
    await e.getByLabel('Plan title').fill('Alpha plan 2027 (renamed)');
    await v.getByLabel('Plan title').and(v.locator('[value="Alpha plan 2027 (renamed)"]')).waitFor();
    const stored = await storedUntil((p) => p.title === 'Alpha plan 2027 (renamed)');
    expect(JSON.stringify(stored)).not.toContain('HACKED');
    expect(await seriousViolations(v)).toEqual([]);
    // Readable and still without serious violations on a phone.
    await e.setViewportSize({ width: 360, height: 780 });
    // The layout settles a moment after the resize (the navigation collapses on the media query).
    await e
      .waitForFunction(() => document.documentElement.scrollWidth <= 360, null, { timeout: 10_000 })
      .catch(() => {});
    expect(await e.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await seriousViolations(e)).toEqual([]);
    await e.setViewportSize({ width: 1280, height: 900 });

    // Version history: the editor restores the named version and everyone sees the old title.
    e.once('dialog', (d) => void d.accept());
    await e.getByRole('button', { name: 'Restore version Before rename' }).click();
    await v.getByLabel('Plan title').and(v.locator('[value="Alpha plan 2027"]')).waitFor();
    await v.context().close();
    await e.context().close();
  }, 180_000);

  it('shows Coalition progress summed from the plans', async () => {
    const page = await openAs('convener-viewer', '/progress');
    await page.getByRole('heading', { name: 'Coalition progress' }).waitFor();
    await page.getByLabel('Period').fill('2027');
    const totals = page.getByRole('table', { name: 'Coalition totals 2027' });
    const row = totals.getByRole('row', { name: /Listings removed/ });
    await row.waitFor();
    expect((await row.getByRole('cell').allTextContents()).slice(0, 3)).toEqual([
      'Listings removed',
      '45',
      '120',
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('adds Policy activities from the gaps of a policy submission, once', async () => {
    const res = await fetch(`${w.hub.url}/api/v1/orgs/${w.orgs.company.id}/policies`, {
      method: 'POST',
      headers: { authorization: `Bearer ${w.tokens['company-editor']}`, 'content-type': 'application/yaml' },
      body: readFileSync(join(repoRoot, 'policies/companies/examples/kestrel-search.yaml'), 'utf8'),
    });
    expect(res.status).toBe(201);
    const report = (await res.json()) as Json;
    const gaps = (report.provisions ?? report.report?.provisions ?? []).filter((p: Json) =>
      ['missing', 'partial'].includes(p.verdict),
    ).length;
    expect(gaps).toBeGreaterThan(0);
    const plan = (
      await apiAs('convener-editor', 'POST', `/api/v1/orgs/${w.orgs.company.id}/plans`, {
        period: '2028',
        title: 'Gaps plan',
      })
    ).id as string;
    const page = await openAs('company-editor', `/plans/${plan}`);
    const panel = page.getByRole('region', { name: 'Add activities from gaps' });
    await panel.getByLabel('Policy submission').waitFor();
    await panel.getByRole('button', { name: 'Add activities from gaps' }).click();
    const status = panel.getByRole('status');
    await status.waitFor();
    const added = Number(/Added (\d+)/.exec((await status.textContent()) ?? '')?.[1]);
    expect(added).toBeGreaterThan(0);
    expect(added).toBe(gaps);
    // The new activities arrive in the live document and show in the Policy category.
    const policy = page.getByRole('region', { name: /^Policy/ });
    await expect
      .poll(() => policy.getByRole('group', { name: /^Activity:/ }).count(), { timeout: 20_000 })
      .toBe(added);
    // Again: every provision already has an activity.
    await panel.getByRole('button', { name: 'Add activities from gaps' }).click();
    await panel.getByText(`Added 0 activities to Policy; ${added} provision(s) already had one.`).waitFor();
    expect(await policy.getByRole('group', { name: /^Activity:/ }).count()).toBe(added);
    await page.context().close();
  }, 120_000);
});
