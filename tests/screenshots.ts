/**
 * Screenshots of every main page at 1280 and 360 px, for docs/screenshots/ (linked from the README):
 * `pnpm --filter @ewto/tests screenshots`. A demo hub (HUB_DEMO=true) on http://localhost:<port>,
 * three example policies submitted for the illustrative company, the demo sign-in in Chromium.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestHub } from '@ewto/hub/testing';
import { createPat, findUser, TOKEN_TYPE_PAT } from '@ewto/identity';
import { launchChromium } from './support/browser.ts';
import { repoRoot } from './support/paths.ts';
import { requireWebDist } from './support/web.ts';

const out = join(repoRoot, 'docs/screenshots');
mkdirSync(out, { recursive: true });
const hub = await startTestHub({ webDist: requireWebDist(), hubUrl: 'http://localhost:0', demo: true });
const base = hub.deps.config.hubUrl;
const browser = await launchChromium();
try {
  // History: the three example policies, as the demo company admin.
  const admin = await findUser(hub.deps.db, 'admin@example-market.example');
  const { token } = await createPat(hub.deps.db, {
    userId: admin!.id,
    name: 'screenshots',
    createdBy: 'screenshots',
  });
  const { access_token } = await hub.deps.tokens.exchangePat(token, TOKEN_TYPE_PAT);
  let submission = '';
  let orgId = '';
  for (const ex of ['kestrel-search', 'larkspur-social', 'tessellate-market']) {
    const res = await hub.hub.app.request('/api/v1/orgs/example-market/policies', {
      method: 'POST',
      headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/yaml' },
      body: readFileSync(join(repoRoot, `policies/companies/examples/${ex}.yaml`), 'utf8'),
    });
    if (res.status !== 201) throw new Error(`submitting ${ex}: HTTP ${res.status} ${await res.text()}`);
    [, , , , orgId = '', , submission = ''] = new URL(res.headers.get('location')!).pathname.split('/');
  }
  // A plan with activities from the gaps of the last submission, and a trend alert for the demo agency.
  const accessFor = async (email: string) => {
    const u = await findUser(hub.deps.db, email);
    const pat = await createPat(hub.deps.db, {
      userId: u!.id,
      name: 'screenshots',
      createdBy: 'screenshots',
    });
    return (await hub.deps.tokens.exchangePat(pat.token, TOKEN_TYPE_PAT)).access_token;
  };
  const convener = await accessFor('convener-editor@wwf.example');
  const post = async (path: string, body: unknown) => {
    const res = await hub.hub.app.request(path, {
      method: 'POST',
      headers: { authorization: `Bearer ${convener}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const plan = await post('/api/v1/orgs/example-market/plans', {
    title: 'Example Market action plan 2027',
    period: '2027',
  });
  await post(`/api/v1/plans/${plan.id}/activities/from-submission`, { submissionId: submission });
  const published = await post('/api/v1/intel/alerts', {
    tlp: 'GREEN',
    recipients: ['demo-wildlife-crime-unit'],
    handling: 'H1',
    grades: { source: 'B', information: 2 },
    expires: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    alert: {
      title: 'New code words for ivory bangles (illustrative)',
      summary: 'Sellers moved to a colour code word after keyword filters caught "ivory".',
      provenance: 'illustrative',
      terms: [
        {
          text: 'white gold bangle',
          kind: 'code-word',
          groups: ['elephant'],
          language: 'en',
          firstSeen: '2026-10-12',
          confidence: 'medium',
        },
      ],
    },
  });
  const packageId = (published.packages as Array<{ packageId: string }>)[0]!.packageId;
  await hub.deps.audit.checkpoint();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${base}/sign-in`);
  await page.getByRole('heading', { name: 'Demo accounts' }).waitFor({ timeout: 20_000 });
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: width === 360 ? 780 : 900 });
    await page.goto(`${base}/sign-in`);
    await page.getByRole('heading', { name: 'Demo accounts' }).waitFor();
    await page.screenshot({ path: join(out, `sign-in-${width}.png`), fullPage: true });
  }
  await page.getByRole('button', { name: /Demo sign-in as Demo company admin/ }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor({ timeout: 20_000 });
  const pages: Array<[string, string, string]> = [
    ['overview', '/', 'Overview'],
    ['policies', '/policies', 'Policy alignment'],
    ['report', `/orgs/${orgId}/policies/${submission}`, 'Alignment: Tessellate Market'],
    [
      'compare',
      `/frameworks?org=${orgId}&submission=${submission}&from=2020&to=2020`,
      'Compare framework editions',
    ],
    ['keywords', '/keywords', 'Keyword library'],
    ['screening', '/screen', 'Screening'],
    ['members', '/admin/members', 'Members and roles'],
    ['audit', '/admin/audit', 'Audit log'],
    ['account', '/account', 'My account'],
    ['plans', '/plans', 'Action plans'],
    ['plan-editor', `/plans/${plan.id}`, 'Plan: Example Market action plan 2027'],
    ['progress', '/progress', 'Coalition progress'],
  ];
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: width === 360 ? 780 : 900 });
    for (const [name, path, heading] of pages) {
      await page.goto(`${base}${path}`);
      await page.getByRole('heading', { name: heading, exact: true }).waitFor({ timeout: 20_000 });
      if (name === 'screening') await page.getByRole('button', { name: 'Screen', exact: true }).click();
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(400);
      await page.screenshot({ path: join(out, `${name}-${width}.png`), fullPage: width === 1280 });
      process.stdout.write(`docs/screenshots/${name}-${width}.png\n`);
    }
  }
  // The agency analyst: inbox and a package.
  const agency = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const ap = await agency.newPage();
  await ap.goto(`${base}/sign-in`);
  await ap.getByRole('button', { name: /Demo sign-in as Demo agency analyst/ }).click();
  await ap.getByRole('button', { name: 'Sign out' }).waitFor({ timeout: 20_000 });
  for (const width of [1280, 360]) {
    await ap.setViewportSize({ width, height: width === 360 ? 780 : 900 });
    for (const [name, path, ready] of [
      ['inbox', '/intel', 'inbox'],
      ['package', `/intel/packages/${packageId}`, 'package-checks'],
    ] as const) {
      await ap.goto(`${base}${path}`);
      await ap.getByTestId(ready).waitFor({ timeout: 20_000 });
      await ap.waitForLoadState('networkidle');
      await ap.screenshot({ path: join(out, `${name}-${width}.png`), fullPage: width === 1280 });
      process.stdout.write(`docs/screenshots/${name}-${width}.png\n`);
    }
  }
} finally {
  await browser.close();
  await hub.close();
}
