/**
 * Screenshots of the action-plan pages (plans list, live editor with a second person present,
 * Coalition progress) at 1280 and 360 px, for docs/screenshots/:
 * `pnpm --filter @ewto/tests screenshots:plans`. Fictional companies; the policy is an
 * illustrative example (policies/companies/examples/).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { categoryArray } from '@ewto/plans';
import * as Y from 'yjs';
import { launchChromium } from './support/browser.ts';
import { connect, synced } from './support/collab.ts';
import { repoRoot } from './support/paths.ts';
import { requireWebDist, signInWithToken } from './support/web.ts';
import { createWorld, type Persona } from './support/world.ts';

const out = join(repoRoot, 'docs/screenshots');
mkdirSync(out, { recursive: true });
const w = await createWorld({ webDist: requireWebDist(), hubUrl: 'http://localhost:0' });
const base = w.hub.deps.config.hubUrl;
const browser = await launchChromium();

async function call(
  persona: Persona,
  method: string,
  path: string,
  body?: unknown,
  type = 'application/json',
) {
  const res = await fetch(`${w.hub.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${w.tokens[persona]}`, 'content-type': type },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string };
}

/** Owner, due date, status, a description paragraph and an indicator, written as a client would. */
function fill(doc: Y.Doc, i: number, owner: string, indicator?: [string, string, number, number]) {
  const a = categoryArray(doc, 'policy')?.get(i);
  if (!a) return;
  doc.transact(() => {
    a.set('owner', owner);
    a.set('due', `2027-0${(i % 9) + 1}-30`);
    a.set('status', ['in-progress', 'planned', 'done'][i % 3]!);
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('Illustrative: update the prohibited-items page and the reviewer guidance.')]);
    (a.get('description') as Y.XmlFragment).insert(0, [p]);
    if (indicator) {
      const m = new Y.Map<unknown>();
      (a.get('indicators') as Y.Array<Y.Map<unknown>>).push([m]);
      m.set('name', indicator[0]);
      m.set('kind', indicator[1]);
      m.set('target', indicator[2]);
      m.set('actual', indicator[3]);
    }
  });
}

try {
  const plans: string[] = [];
  for (const [org, example] of [
    [w.orgs.company, 'kestrel-search'],
    [w.orgs.otherCompany, 'larkspur-social'],
  ] as const) {
    const plan = await call('convener-editor', 'POST', `/api/v1/orgs/${org.id}/plans`, {
      period: '2027',
      title: `${org.name} action plan 2027`,
    });
    plans.push(plan.id);
    const yaml = readFileSync(join(repoRoot, `policies/companies/examples/${example}.yaml`), 'utf8');
    // Submissions are made by the company's own editors; Beta Social has none in this world, so
    // its plan gets its activities from the convener below instead.
    if (org.id === w.orgs.company.id) {
      const res = await fetch(`${w.hub.url}/api/v1/orgs/${org.id}/policies`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${w.tokens['company-editor']}`,
          'content-type': 'application/yaml',
        },
        body: yaml,
      });
      const location = res.headers.get('location') ?? '';
      const submissionId = location.split('/').pop()!;
      await call('company-editor', 'POST', `/api/v1/plans/${plan.id}/activities/from-submission`, {
        submissionId,
      });
    }
    const client = connect(w.hub.url, plan.id, w.tokens['convener-editor']);
    await synced(client, 20_000);
    if (org.id !== w.orgs.company.id)
      client.doc.transact(() => {
        for (const title of [
          'Train reviewers on wildlife product listings',
          'Block search terms of the keyword library',
        ]) {
          const a = new Y.Map<unknown>();
          categoryArray(client.doc, 'policy')!.push([a]);
          a.set('id', crypto.randomUUID());
          a.set('title', title);
          a.set('status', 'planned');
          a.set('owner', '');
          a.set('due', '');
          a.set('description', new Y.XmlFragment());
          a.set('indicators', new Y.Array());
        }
      });
    fill(client.doc, 0, 'Trust & Safety', [
      'Wildlife listings removed',
      'listings-removed',
      1200,
      org.id === w.orgs.company.id ? 430 : 610,
    ]);
    fill(client.doc, 1, 'Policy team', ['Reviewers trained', 'staff-trained', 40, 25]);
    fill(client.doc, 2, 'Search quality');
    await new Promise((r) => setTimeout(r, 1500));
    client.destroy();
    client.provider.awareness.destroy(); // its timer would keep this script alive
  }

  const open = async (persona: Persona) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await signInWithToken(page, base, w.pats[persona]!);
    return page;
  };
  const convener = await open('convener-editor');
  const company = await open('company-editor');
  for (const width of [1280, 360]) {
    for (const p of [convener, company])
      await p.setViewportSize({ width, height: width === 360 ? 780 : 900 });
    await convener.goto(`${base}/plans`);
    await convener.getByRole('heading', { name: 'Action plans', exact: true }).waitFor();
    await convener.getByRole('link', { name: 'Alpha Market action plan 2027' }).waitFor();
    await convener.screenshot({ path: join(out, `plans-convener-${width}.png`), fullPage: width === 1280 });

    await convener.goto(`${base}/plans/${plans[0]}`);
    await company.goto(`${base}/plans/${plans[0]}`);
    await company
      .getByRole('region', { name: 'Who is here' })
      .getByText('convener-editor@test.example')
      .waitFor();
    // The convener's caret in the first description, seen by the company editor.
    await convener.getByRole('textbox', { name: 'Description' }).first().click();
    await convener.keyboard.press('End');
    await company.locator('.collaboration-carets__label').first().waitFor();
    await company.waitForTimeout(400);
    await company.screenshot({ path: join(out, `plan-editor-live-${width}.png`) });

    await convener.goto(`${base}/progress`);
    await convener.getByLabel('Period').fill('2027');
    await convener.getByRole('table', { name: 'Coalition totals 2027' }).waitFor();
    await convener.waitForTimeout(400);
    await convener.screenshot({
      path: join(out, `progress-coalition-${width}.png`),
      fullPage: width === 1280,
    });
    for (const n of ['plans-convener', 'plan-editor-live', 'progress-coalition'])
      process.stdout.write(`docs/screenshots/${n}-${width}.png\n`);
  }
} finally {
  await browser.close();
  await w.close();
}
