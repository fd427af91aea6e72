/**
 * `ewto policy submit` and `ewto policy history` as a policy team runs them (the CLI bundle, a real
 * hub on 127.0.0.1): the report printed is the one the hub stored; the history's scores are the
 * reports' scores, one decimal (issue 8 item 14).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './support/paths.ts';
import { runCli } from './support/proc.ts';
import { createWorld, type World } from './support/world.ts';

let w: World;
const examples = join(repoRoot, 'policies/companies/examples');
const tmp = mkdtempSync(join(tmpdir(), 'ewto-policy-cli-'));
beforeAll(async () => {
  w = await createWorld();
}, 60_000);
afterAll(async () => {
  await w?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const ewto = (args: string[], { cwd = examples, token = w.pats['company-editor']! } = {}) =>
  runCli(args, { cwd, env: { EWTO_TOKEN: token } });
const hub = () => ['--hub', w.hub.url];
const stored = async (id: string) => {
  const res = await fetch(`${w.hub.url}/api/v1/orgs/${w.orgs.company.id}/policies/${id}`, {
    headers: { authorization: `Bearer ${w.tokens['company-viewer']}` },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { document: string; report: { summary: { score: number } } };
};
const submissions = async () => {
  const r = await ewto(['policy', 'history', '--org', 'alpha-market', ...hub(), '--format', 'json'], {
    token: w.pats['company-viewer']!,
  });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return (
    JSON.parse(r.stdout) as { submissions: Array<{ id: string; score: number; frameworkVersion: string }> }
  ).submissions;
};

describe('ewto policy submit', () => {
  const ids: string[] = [];

  it('stores a policy (file relative to where it is run) and prints the stored report with its id', async () => {
    const r = await ewto([
      'policy',
      'submit',
      'tessellate-market.yaml',
      '--org',
      'alpha-market',
      ...hub(),
      '--format',
      'json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { id: string; url: string; report: { summary: { score: number } } };
    expect(out.url).toBe(`${w.hub.url}/api/v1/orgs/${w.orgs.company.id}/policies/${out.id}`);
    const sub = await stored(out.id);
    expect(out.report).toEqual(sub.report);
    expect(out.report.summary.score).toBe(83.3);
    ids.push(out.id);
  }, 30_000);

  it('prints text with the score as the report has it and the submission id; --framework picks the edition', async () => {
    const r = await ewto([
      'policy',
      'submit',
      'tessellate-market.yaml',
      '--org',
      'alpha-market',
      ...hub(),
      '--framework',
      '2016',
    ]);
    expect(r.code).toBe(0);
    const id = /Stored as submission (\S+) \(/.exec(r.stdout)?.[1];
    expect(id).toBeDefined();
    expect((await stored(id!)).report).toMatchObject({
      framework: { version: '2016' },
      summary: { score: 81.8 },
    });
    expect(r.stdout).toContain('81.8');
    ids.push(id!);
  }, 30_000);

  it('writes SARIF located in the local file, naming the submission', async () => {
    const r = await ewto([
      'policy',
      'submit',
      'kestrel-search.yaml',
      '--org',
      'alpha-market',
      ...hub(),
      '--format',
      'sarif',
    ]);
    expect(r.code).toBe(0);
    const run = JSON.parse(r.stdout).runs[0];
    expect(run.properties.submission.id).toMatch(/\S/);
    expect(run.properties.score).toBe((await stored(run.properties.submission.id)).report.summary.score);
    expect(
      run.results.some(
        (x: { locations: Array<{ physicalLocation: { region: { startLine: number } } }> }) =>
          x.locations[0]!.physicalLocation.region.startLine > 1,
      ),
    ).toBe(true);
    ids.push(run.properties.submission.id);
  }, 30_000);

  it('reports a policy the hub refuses as file:line:col: message, exit 1, nothing stored', async () => {
    const before = (await submissions()).length;
    writeFileSync(join(tmp, 'bad.yaml'), 'kind: company-policy\ncompany: Bad\nrules: 12\n');
    const r = await ewto(['policy', 'submit', 'bad.yaml', '--org', 'alpha-market', ...hub()], { cwd: tmp });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^bad\.yaml:\d+:\d+: /m);
    expect(r.stderr).toContain('nothing was stored');
    expect(r.stdout).toBe('');
    expect(await submissions()).toHaveLength(before);
  }, 30_000);

  it('refuses a file that is not UTF-8 at the byte where it breaks, and stores nothing (never U+FFFD)', async () => {
    const before = (await submissions()).length;
    const good = readFileSync(join(examples, 'tessellate-market.yaml'));
    const lines = good.toString('utf8').split('\n').length;
    writeFileSync(join(tmp, 'latin1.yaml'), Buffer.concat([good, Buffer.from('# caf\xe9\n', 'latin1')]));
    const r = await ewto(['policy', 'submit', 'latin1.yaml', '--org', 'alpha-market', ...hub()], {
      cwd: tmp,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`latin1.yaml:${lines}:6: the text is not valid UTF-8`);
    expect(r.stdout).toBe('');
    expect(await submissions()).toHaveLength(before);
  }, 30_000);

  it('exits 1 when the hub refuses the caller, 2 on usage errors, an unreadable file or an unreachable hub', async () => {
    const viewer = await ewto(
      ['policy', 'submit', 'tessellate-market.yaml', '--org', 'alpha-market', ...hub()],
      {
        token: w.pats['company-viewer']!,
      },
    );
    expect(viewer.code).toBe(1);
    expect(viewer.stderr).toContain('403');
    const noOrg = await ewto(['policy', 'submit', 'tessellate-market.yaml', ...hub()]);
    expect(noOrg.code).toBe(2);
    expect(noOrg.stderr).toContain('--org <org> is required');
    const missing = await ewto(['policy', 'submit', 'nope.yaml', '--org', 'alpha-market', ...hub()]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read nope.yaml');
    const down = await ewto(['policy', 'history', '--org', 'alpha-market', '--hub', 'http://127.0.0.1:9']);
    expect(down.code).toBe(2);
    expect(down.stderr).toContain('cannot reach');
  }, 30_000);

  it('history: every submission oldest first, each with the score of its report, one decimal', async () => {
    const list = await submissions();
    expect(list.map((s) => s.id)).toEqual(ids);
    for (const s of list) expect(s.score).toBe((await stored(s.id)).report.summary.score);
    const text = await ewto(['policy', 'history', '--org', 'alpha-market', ...hub()], {
      token: w.pats['company-viewer']!,
    });
    expect(text.code).toBe(0);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^submitted \(UTC\)\s+edition\s+score\s+change\s+submission$/);
    expect(lines.slice(1).map((l) => l.split(/\s{2,}/).at(-1))).toEqual(ids);
    expect(lines[1]).toMatch(/\s2020\s+83\.3\s/);
    expect(lines[2]).toMatch(/\s2016\s+81\.8\s/);
    expect(lines[3]).toMatch(/\s2020\s+59\.5\s+-23\.8\s/); // change against the previous 2020 submission
  }, 30_000);

  it("history of another company's submissions is refused (exit 1)", async () => {
    const r = await ewto(['policy', 'history', '--org', 'beta-social', ...hub()], {
      token: w.pats['company-viewer']!,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('404');
  }, 30_000);
});
