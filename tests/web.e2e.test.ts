/**
 * The web app in real Chromium against a real hub on http://localhost:<port> (the relying-party id
 * of passkeys is the host of HUB_URL; browsers refuse an IP address there).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addMember, createInvitation, createUser, listPasskeys, listPats } from '@ewto/identity';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser.ts';
import { call, network, registerEncryptionKey } from './support/intel.ts';
import { repoRoot } from './support/paths.ts';
import {
  addVirtualAuthenticator,
  requireWebDist,
  seriousViolations,
  signInWithToken,
} from './support/web.ts';
import { createWorld, type World } from './support/world.ts';

let w: World;
let browser: Browser;
let hubUrl: string;
let evil: Server;
let evilUrl: string;

beforeAll(async () => {
  w = await createWorld({ webDist: requireWebDist(), hubUrl: 'http://localhost:0' });
  hubUrl = w.hub.deps.config.hubUrl;
  browser = await launchChromium();
  // Another origin, for cross-site requests with the session cookie.
  evil = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>elsewhere</title><p>another site</p>');
  });
  await new Promise<void>((r) => evil.listen(0, '127.0.0.1', r));
  evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await w?.close();
  await new Promise((r) => evil?.close(r));
});

async function signedInPage(
  persona:
    | 'company-admin'
    | 'company-editor'
    | 'convener-admin'
    | 'convener-editor'
    | 'company-viewer'
    | 'agency-admin' = 'company-admin',
) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInWithToken(page, hubUrl, w.pats[persona]!);
  return { context, page };
}

async function auditActions(): Promise<Array<{ action: string; details: Record<string, unknown> }>> {
  const items = (await w.hub.deps.audit.listEntries({ limit: 200 })).items;
  return items.map((i) => i.entry as unknown as { action: string; details: Record<string, unknown> });
}

describe('web app in Chromium', () => {
  it('is a build with no inline script (the CSP allows scripts from the hub only)', () => {
    const html = readFileSync(join(requireWebDist(), 'index.html'), 'utf8');
    expect(html).toMatch(/<script type="module" crossorigin src="\/assets\/index-[\w-]+\.js"><\/script>/);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/https?:\/\//); // no CDN, no external font
  });

  it('registers a passkey after a token sign-in, then signs in with it (virtual authenticator)', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await addVirtualAuthenticator(context, page);
    await page.goto(hubUrl);
    await page.getByRole('heading', { name: 'Sign in with a passkey' }).waitFor({ timeout: 15_000 });
    expect(page.url()).toBe(`${hubUrl}/sign-in`);
    await signInWithToken(page, hubUrl, w.pats['company-editor']!);
    // The cookie: HttpOnly, SameSite=Strict, not readable by scripts.
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'ewto_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: false, domain: 'localhost' });
    expect(await page.evaluate(() => document.cookie)).not.toContain('ewto_s_');
    expect(
      await page.evaluate(() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage)),
    ).not.toMatch(/ewto_/);

    await page.getByLabel('Name of the new passkey').fill('Laptop');
    await page.getByRole('button', { name: 'Register a passkey' }).click();
    await page.getByText('Passkey "Laptop" registered').waitFor({ timeout: 15_000 });
    await page.getByRole('cell', { name: 'Laptop', exact: true }).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in with a passkey' }).waitFor();
    expect((await context.cookies()).find((c) => c.name === 'ewto_session')).toBeUndefined();
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor({ timeout: 15_000 });
    const now = await page.evaluate(() => fetch('/api/v1/auth/session').then((r) => r.json()));
    expect(now).toMatchObject({ method: 'passkey', email: 'company-editor@test.example' });

    // The account page's Revoke button: the passkey leaves the list.
    await page.goto(`${hubUrl}/account`);
    await page.getByRole('button', { name: 'Revoke passkey Laptop' }).click();
    await page
      .getByRole('cell', { name: 'Laptop', exact: true })
      .waitFor({ state: 'detached', timeout: 15_000 });

    const actions = await auditActions();
    expect(actions.some((a) => a.action === 'passkey.registered')).toBe(true);
    expect(actions.some((a) => a.action === 'passkey.revoked')).toBe(true);
    expect(actions.filter((a) => a.action === 'session.created').map((a) => a.details.method)).toEqual(
      expect.arrayContaining(['token', 'passkey']),
    );
    expect(actions.some((a) => a.action === 'session.revoked')).toBe(true);
    await context.close();
  }, 60_000);

  it("accepts an invitation, then registers a passkey that keeps the invitation's organisation scope", async () => {
    const db = w.hub.deps.db;
    const user = await createUser(db, { email: 'invited@alpha.example', name: 'Invited' });
    await addMember(db, w.orgs.company.id, user.id, 'editor');
    const { code } = await createInvitation(db, {
      orgId: w.orgs.company.id,
      userId: user.id,
      createdBy: 'test',
    });
    const context = await browser.newContext();
    const page = await context.newPage();
    await addVirtualAuthenticator(context, page);
    await page.goto(`${hubUrl}/sign-in`);
    await page.getByLabel('Invitation code').fill(code);
    await page.getByLabel('Your name').fill('Ines Invited');
    await page.getByRole('button', { name: 'Accept the invitation' }).click();
    await page.getByRole('heading', { name: 'My account' }).waitFor({ timeout: 15_000 });
    const session = await page.evaluate(() => fetch('/api/v1/auth/session').then((r) => r.json()));
    expect(session).toMatchObject({ email: 'invited@alpha.example', scopeOrgId: w.orgs.company.id });
    await page.getByRole('button', { name: 'Register a passkey' }).click();
    await page.getByText(/Passkey ".*" registered/).waitFor({ timeout: 15_000 });
    const keys = await listPasskeys(db, user.id);
    expect(keys.map((k) => k.scopeOrgId)).toEqual([w.orgs.company.id]);
    await context.close();
  }, 60_000);

  it('refuses writes without X-CSRF-Token, with the cookie from another origin, and cross-site', async () => {
    const { context, page } = await signedInPage('company-admin');
    const userId = w.userIds['company-admin']!;
    const count = async () => (await listPats(w.hub.deps.db, userId, { limit: 200 })).items.length;
    const before = await count();
    // From the hub's own page, but without the CSRF header: refused.
    const noCsrf = await page.evaluate(async () => {
      const res = await fetch('/api/v1/me/tokens', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'forged' }),
      });
      return { status: res.status, body: await res.json() };
    });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.code).toBe('csrf-token-missing');
    // The real cookie sent with another Origin (as a forged cross-origin request would): refused.
    const cookie = (await context.cookies()).find((c) => c.name === 'ewto_session')!;
    const session = (await (
      await fetch(`${hubUrl}/api/v1/auth/session`, { headers: { cookie: `ewto_session=${cookie.value}` } })
    ).json()) as {
      csrfToken: string;
    };
    const forged = await fetch(`${hubUrl}/api/v1/me/tokens`, {
      method: 'POST',
      headers: {
        cookie: `ewto_session=${cookie.value}`,
        origin: evilUrl,
        'x-csrf-token': session.csrfToken,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ name: 'forged' }),
    });
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as { code: string }).code).toBe('origin-refused');
    // A page on another site posting to the hub in the same browser: no cookie goes (SameSite=Strict), nothing is created.
    const other = await context.newPage();
    await other.goto(evilUrl);
    const cross = await other.evaluate(async (hub) => {
      try {
        const res = await fetch(`${hub}/api/v1/me/tokens`, {
          method: 'POST',
          mode: 'no-cors',
          credentials: 'include',
          headers: { 'content-type': 'text/plain' },
          body: JSON.stringify({ name: 'forged' }),
        });
        return res.type;
      } catch (e) {
        return String(e);
      }
    }, hubUrl);
    // The request goes without the cookie; its answer is opaque, or (Cross-Origin-Resource-Policy:
    // same-origin, from secureHeaders) withheld from the other site altogether.
    expect(['opaque', 'TypeError: Failed to fetch']).toContain(cross);
    // The page's own writes (with the header) work.
    await page.goto(`${hubUrl}/account`);
    await page.getByLabel('Token name').fill('from the page');
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByText('Copy your new token now').waitFor({ timeout: 10_000 });
    expect(await count()).toBe(before + 1);
    await context.close();
  }, 60_000);

  for (const example of ['tessellate-market', 'kestrel-search', 'larkspur-social']) {
    it(`shows the score and verdicts the API returns for ${example}`, async () => {
      const { context, page } = await signedInPage('company-admin');
      await page.goto(`${hubUrl}/policies`);
      await page.getByRole('heading', { name: 'Company policy (YAML or JSON)' }).waitFor({ timeout: 15_000 });
      await page
        .locator('input[type=file]')
        .setInputFiles(join(repoRoot, `policies/companies/examples/${example}.yaml`));
      await page.getByText(`Loaded ${example}.yaml`).waitFor();
      await page.getByRole('button', { name: 'Submit and see the alignment report' }).click();
      await page.getByTestId('score').waitFor({ timeout: 15_000 });
      const [, , org, , id] = new URL(page.url()).pathname.split('/');
      const api = await w.hub.hub.app.request(`/api/v1/orgs/${org}/policies/${id}`, {
        headers: { authorization: `Bearer ${w.tokens['company-admin']}` },
      });
      const { report } = (await api.json()) as {
        report: { summary: { score: number }; provisions: Array<{ id: string; verdict: string }> };
      };
      expect(await page.getByTestId('score').textContent()).toBe(String(Math.round(report.summary.score)));
      const rows = await page
        .getByTestId('provisions')
        .locator('tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => [tr.getAttribute('data-provision'), tr.getAttribute('data-verdict')]),
        );
      expect(rows).toEqual(report.provisions.map((p) => [p.id, p.verdict]));
      // Filter by verdict: only "missing" left.
      const missing = report.provisions.filter((p) => p.verdict === 'missing').length;
      for (const v of ['covers', 'exceeds', 'partial', 'not-applicable', 'unassessed'])
        await page.locator('label', { hasText: new RegExp(`^${v} \\(`) }).click();
      await expect.poll(() => page.getByTestId('provisions').locator('tbody tr').count()).toBe(missing);
      await context.close();
    }, 60_000);
  }

  it('shows a malformed policy’s errors at their lines', async () => {
    const { context, page } = await signedInPage('company-admin');
    const file = join(tmpdir(), `bad-policy-${process.pid}.yaml`);
    writeFileSync(
      file,
      'kind: company-policy\ncompany: X\nframework: "2020"\nprovenance: illustrative\nrules:\n  - id: a\n    scope:\n      speciesGroups: [dragon]\n',
    );
    await page.goto(`${hubUrl}/policies`);
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByRole('button', { name: 'Submit and see the alignment report' }).click();
    const list = page.getByTestId('policy-errors');
    await list.waitFor({ timeout: 15_000 });
    expect(await list.textContent()).toMatch(/line 8/);
    // The editor marks the line too (CodeMirror lint).
    await expect.poll(() => page.locator('.cm-lintRange-error').count()).toBeGreaterThan(0);
    await context.close();
  }, 60_000);

  it('highlights keyword matches in pasted listings', async () => {
    const { context, page } = await signedInPage('company-viewer');
    await page.goto(`${hubUrl}/screen`);
    await page.getByLabel('Listings').fill('Tiger claw pendant, genuine\nWooden jewellery box');
    await page.getByRole('button', { name: 'Screen', exact: true }).click();
    const results = page.getByTestId('screen-results');
    await results.waitFor({ timeout: 15_000 });
    const rows = results.locator('tbody tr');
    expect(await rows.nth(0).getAttribute('data-flagged')).toBe('true');
    expect(await rows.nth(0).locator('mark').count()).toBeGreaterThan(0);
    expect(await rows.nth(1).getAttribute('data-flagged')).toBe('false');
    await context.close();
  }, 60_000);

  it('verifies the audit log in the browser for a convener admin', async () => {
    await w.hub.deps.audit.checkpoint();
    const { context, page } = await signedInPage('convener-admin');
    await page.goto(`${hubUrl}/admin/audit`);
    const status = page.getByTestId('audit-verification');
    await status.waitFor({ timeout: 20_000 });
    expect(await status.textContent()).toMatch(/^Verified.*entries recomputed/);
    await context.close();
  }, 60_000);

  it('an agency decrypts its package in the browser with a local key file and sees only its own packages', async () => {
    const own = await registerEncryptionKey(w, w.orgs.agency.id);
    await registerEncryptionKey(w, w.orgs.otherAgency.id);
    const publish = async (recipient: string) => {
      const res = await call(
        w,
        'convener-editor',
        'POST',
        '/api/v1/intel/networks',
        network({ recipients: [recipient] }),
      );
      expect(res.status).toBe(201);
      return ((await res.json()) as { packages: Array<{ packageId: string }> }).packages[0]!.packageId;
    };
    const mine = await publish('unit-a');
    const theirs = await publish('unit-b');
    const keyFile = join(tmpdir(), `agency-enc-${process.pid}.private.jwk.json`);
    writeFileSync(keyFile, JSON.stringify(own.privateJwk));
    const { context, page } = await signedInPage('agency-admin');
    const sent: string[] = [];
    page.on('request', (r) => sent.push(`${r.method()} ${r.url()} ${r.postData() ?? ''}`));
    await page.goto(`${hubUrl}/intel`);
    const inbox = page.getByTestId('inbox');
    await inbox.waitFor({ timeout: 15_000 });
    const ids = await inbox
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-package')));
    expect(ids).toEqual([mine]);
    await inbox.getByRole('link', { name: 'Open' }).click();
    await page.getByRole('button', { name: 'Load key file and decrypt…' }).waitFor({ timeout: 15_000 });
    await page.locator('input[type=file]').first().setInputFiles(keyFile);
    const checks = page.getByTestId('package-checks');
    await checks.waitFor({ timeout: 15_000 });
    const results = await checks
      .locator('li')
      .evaluateAll((lis) => lis.map((li) => [li.textContent, li.getAttribute('data-ok')]));
    expect(results.every(([, ok]) => ok === 'true')).toBe(true);
    expect(results.map(([t]) => t)).toEqual(expect.arrayContaining([expect.stringContaining('Decrypted')]));
    expect(await page.getByTestId('package-content').textContent()).toContain('Storefront network');
    // The private key never left the page.
    expect(sent.some((r) => r.includes(String(own.privateJwk.d)))).toBe(false);
    // Another agency's package: not found.
    await page.goto(`${hubUrl}/intel/packages/${theirs}`);
    await page.getByRole('alert').waitFor({ timeout: 15_000 });
    expect(await page.getByRole('alert').textContent()).toMatch(/not found|no such/i);
    await context.close();
  }, 60_000);

  it('a convener publishes a trend alert after seeing which agencies get a package', async () => {
    const { context, page } = await signedInPage('convener-editor');
    await page.goto(`${hubUrl}/intel/publish`);
    await page.getByRole('heading', { name: 'Publish intelligence' }).waitFor({ timeout: 15_000 });
    await page
      .getByRole('textbox', { name: 'Recipients' })
      .or(page.getByLabel('Recipients', { exact: true }).first())
      .first()
      .click();
    await page.getByRole('option', { name: 'Netshield (taskforce)' }).click();
    await page.keyboard.press('Escape');
    await expect
      .poll(() => page.getByTestId('recipients-preview').textContent())
      .toContain('Unit A (via Netshield)');
    await page.getByLabel('Title', { exact: true }).fill('New code word (illustrative)');
    await page.getByLabel('Summary').fill('Seen on two marketplaces.');
    await page.getByLabel('Term 1', { exact: true }).fill('white gold bangle');
    await page.locator('input[aria-label="Species groups of term 1"]:visible').focus();
    await page.keyboard.type('elephant');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByText('1 package sent: Unit A.').waitFor({ timeout: 15_000 });
    await context.close();
  }, 60_000);

  it('has no serious or critical axe-core violation on the main pages, at 1280 and 360 px', async () => {
    const { context, page } = await signedInPage('convener-admin');
    const found: Record<string, string[]> = {};
    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: 900 });
      for (const [path, ready] of [
        ['/', 'Overview'],
        ['/policies', 'Policy alignment'],
        ['/frameworks', 'Compare framework editions'],
        ['/keywords', 'Keyword library'],
        ['/screen', 'Screening'],
        ['/admin/members', 'Members and roles'],
        ['/plans', 'Action plans'],
        ['/progress', 'Coalition progress'],
        ['/intel', 'Intelligence inbox'],
        ['/intel/publish', 'Publish intelligence'],
        ['/admin/keys', 'Agency keys'],
        ['/admin/audit', 'Audit log'],
        ['/account', 'My account'],
      ] as const) {
        await page.goto(`${hubUrl}${path}`);
        await page.getByRole('heading', { name: ready, exact: true }).waitFor({ timeout: 15_000 });
        await page.waitForLoadState('networkidle');
        const v = await seriousViolations(page);
        if (v.length)
          found[`${width} ${path}`] = v.map(
            (x) =>
              `${x.id}: ${x.help} (${JSON.stringify(x.nodes[0]?.target)} ${JSON.stringify((x.nodes[0] as { any?: Array<{ message?: string }> })?.any?.[0]?.message)})`,
          );
      }
    }
    const signIn = await browser.newPage();
    await signIn.goto(`${hubUrl}/sign-in`);
    await signIn.getByRole('heading', { name: 'Sign in with a passkey' }).waitFor();
    const v = await seriousViolations(signIn);
    if (v.length)
      found['/sign-in'] = v.map((x) => `${x.id}: ${x.help} ${JSON.stringify(x.nodes.map((n) => n.target))}`);
    await signIn.close();
    expect(found).toEqual({});
    await context.close();
  }, 120_000);
});

export type { BrowserContext, Page };
