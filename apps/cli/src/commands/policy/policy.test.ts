import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import type { Io } from '../../cli.ts';
import { runCli } from '../../main.ts';
import { runCaptured } from '../../testing.ts';

const repo = resolve(import.meta.dirname, '../../../../..');
const examples = 'policies/companies/examples';
const tessellate = `${examples}/tessellate-market.yaml`;
const today = ['--today', '2026-11-24'];
const tmp = mkdtempSync(join(tmpdir(), 'ewto-policy-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const run = (argv: string[], cwd = repo, env: Record<string, string> = {}) => runCaptured(argv, { cwd, env });

describe('ewto policy validate', () => {
  it('accepts the framework editions and the example policies (exit 0)', async () => {
    const r = await run([
      'policy',
      'validate',
      'policies/framework/2016.yaml',
      'policies/framework/2020.yaml',
      `${examples}/kestrel-search.yaml`,
      `${examples}/larkspur-social.yaml`,
      tessellate,
      ...today,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('policies/framework/2020.yaml: ok (framework edition 2020, 21 provisions)');
    expect(r.stdout).toContain(`${tessellate}: ok (company policy "Tessellate Market", 9 rules, 5 measures)`);
    expect(r.stdout).toContain(`${tessellate}:138:14: warning: waiver for PWF-020 expired on 2026-03-31`);
  }, 30_000);

  it('locates errors as file:line:col and exits 1', async () => {
    const file = join(tmp, 'broken.yaml');
    writeFileSync(
      file,
      'kind: company-policy\ncompany: X\nrules:\n  - id: a\n    scope:\n      listingTypes: [fax]\n    colour: red\n',
    );
    const r = await run(['policy', 'validate', 'broken.yaml'], tmp);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').slice(0, 2)).toEqual([
      expect.stringMatching(/^broken\.yaml:6:22: "rules\.0\.scope\.listingTypes\.0" must be one of "sale", /),
      'broken.yaml:7:5: unknown key "colour" in "rules.0" (at /rules/0/colour)',
    ]);
    expect(r.stdout).toContain('broken.yaml: 2 errors in this company-policy');
  });

  it('reports malformed YAML with its position and exits 1, never a stack trace', async () => {
    writeFileSync(join(tmp, 'malformed.yaml'), 'kind: company-policy\ncompany: [unclosed\n');
    const r = await run(['policy', 'validate', 'malformed.yaml'], tmp);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^malformed\.yaml:2:10: malformed YAML: the list opened here with "\[" has no matching "\]"/,
    );
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses deep nesting, alias bombs, invalid UTF-8 and bad JSON with located messages, no stack trace', async () => {
    writeFileSync(
      join(tmp, 'deep.yaml'),
      `kind: company-policy\nrules: ${'['.repeat(5000)}${']'.repeat(5000)}\n`,
    );
    const laughs = [
      'kind: company-policy',
      'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
    ];
    for (let i = 1; i < 9; i++)
      laughs.push(
        `${'abcdefghi'[i]}: &${'abcdefghi'[i]} [${Array(9)
          .fill(`*${'abcdefghi'[i - 1]}`)
          .join(', ')}]`,
      );
    writeFileSync(join(tmp, 'laughs.yaml'), laughs.join('\n'));
    writeFileSync(
      join(tmp, 'latin1.yaml'),
      Buffer.from('kind: company-policy\ncompany: Caf\xe9\n', 'latin1'),
    );
    writeFileSync(join(tmp, 'bad.json'), '{"kind": "company-policy",\n "rules": [1, 2,]}');
    const r = await run(['policy', 'validate', 'deep.yaml', 'laughs.yaml', 'latin1.yaml', 'bad.json'], tmp);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^deep\.yaml:2:71: lists and mappings nest more than 64 levels deep here/m);
    expect(r.stdout).toMatch(/^laughs\.yaml:3:8: aliases \(\*name\) expand to more than 100 values/m);
    expect(r.stdout).toMatch(
      /^latin1\.yaml:2:13: the text is not valid UTF-8: invalid byte sequence at byte offset 33/m,
    );
    expect(r.stdout).toMatch(/^bad\.json:2:17: malformed JSON: /m);
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at |RangeError|ReferenceError/);
  });

  it('exits 2 on a missing file, still checking the others', async () => {
    const r = await run(['policy', 'validate', 'nope.yaml', tessellate]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot read nope.yaml: no such file');
    expect(r.stdout).toContain(`${tessellate}: ok`);
  });

  it('has a JSON format', async () => {
    const r = await run(['policy', 'validate', '--format', 'json', tessellate, ...today]);
    expect(JSON.parse(r.stdout).files[0]).toMatchObject({
      file: tessellate,
      kind: 'company-policy',
      valid: true,
    });
  });
});

describe('ewto policy diff', () => {
  it('prints the JSON report: framework.version, summary.score, provisions with id, level, verdict', async () => {
    const r = await run(['policy', 'diff', tessellate, '--format', 'json', ...today]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.framework.version).toBe('2020');
    expect(report.summary.score).toBe(83.3);
    expect(report.provisions[0]).toMatchObject({ id: 'PWF-001', level: 'must', verdict: 'exceeds' });
    expect(report.policy.file).toBe(tessellate);
  });

  it('resolves relative paths against the directory it was run from', async () => {
    const r = await run(
      ['policy', 'diff', 'examples/larkspur-social.yaml', '--format', 'json', ...today],
      join(repo, 'policies/companies'),
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).policy).toMatchObject({
      company: 'Larkspur Social',
      file: 'examples/larkspur-social.yaml',
    });
  });

  it('--framework picks an edition; an unknown one is a usage error', async () => {
    const r = await run(['policy', 'diff', tessellate, '--framework', '2016', '--format', 'json', ...today]);
    expect(JSON.parse(r.stdout).framework.version).toBe('2016');
    const bad = await run(['policy', 'diff', tessellate, '--framework', '1999', ...today]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      'unknown framework edition "1999": available are 2016, 2017, 2020 and latest',
    );
  });

  it('warns about withdrawn provisions as of the edition it compares with', async () => {
    // Kestrel maps PWF-007, withdrawn in 2020 but in force in 2016 and 2017.
    const kestrel = `${examples}/kestrel-search.yaml`;
    const old = await run(['policy', 'diff', kestrel, '--framework', '2017', ...today]);
    expect(old.code).toBe(0);
    expect(old.stderr).not.toContain('withdrawn');
    const latest = await run(['policy', 'diff', kestrel, ...today]);
    expect(latest.stderr).toContain(
      'warning: PWF-007 is withdrawn in edition 2020; refer to PWF-019 instead',
    );
  });

  it('--framework also takes an edition file, and - reads the policy from stdin', async () => {
    const r = await runCaptured(
      ['policy', 'diff', '-', '--framework', 'policies/framework/2017.yaml', '--format', 'json', ...today],
      { cwd: repo, stdin: 'kind: company-policy\ncompany: Stdin Co\nrules: []\nmeasures: []\n' },
    );
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.framework.version).toBe('2017');
    expect(report.policy).toEqual({ company: 'Stdin Co', file: '<stdin>' });
    expect(report.summary.score).toBe(0);
  });

  it('--fail-under N exits 1 when the score is below N', async () => {
    const under = await run(['policy', 'diff', tessellate, '--fail-under', '90', ...today]);
    expect(under.code).toBe(1);
    expect(under.stderr).toContain('score 83.3 is under --fail-under 90');
    expect((await run(['policy', 'diff', tessellate, '--fail-under', '80', ...today])).code).toBe(0);
    expect((await run(['policy', 'diff', tessellate, '--fail-under', 'lots'])).code).toBe(2);
  });

  it('an invalid policy exits 1 with located errors; a missing one exits 2', async () => {
    writeFileSync(
      join(tmp, 'dup.yaml'),
      'kind: company-policy\ncompany: X\nrules:\n  - id: a\n    scope: {}\n  - id: a\n    scope: {}\n',
    );
    const r = await run(['policy', 'diff', 'dup.yaml'], tmp);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('dup.yaml:6:9: duplicate rule id "a" (first used on line 4) (at /rules/1/id)');
    expect(r.stderr).toContain('dup.yaml is not a valid company policy (1 error)');
    const missing = await run(['policy', 'diff', 'missing.yaml'], tmp);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read missing.yaml: no such file');
  });

  it('writes markdown, JUnit and SARIF', async () => {
    const md = await run(['policy', 'diff', tessellate, '--format', 'markdown', ...today]);
    expect(md.stdout).toMatch(/^# Framework alignment: Tessellate Market × edition 2020/);
    const junit = await run(['policy', 'diff', tessellate, '--format', 'junit', ...today]);
    expect(junit.stdout.match(/<testcase /g)).toHaveLength(20);
    const sarif = JSON.parse(
      (await run(['policy', 'diff', tessellate, '--format', 'sarif', ...today])).stdout,
    );
    expect(sarif.runs[0].artifacts[0].location).toEqual({ uri: tessellate, uriBaseId: 'SRCROOT' });
    const missing = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'PWF-021');
    expect(missing.locations[0].physicalLocation.region).toEqual({ startLine: 15, startColumn: 1 });
  });

  it('colours text on a TTY unless NO_COLOR is set', async () => {
    const capture = async (env: Record<string, string>) => {
      let out = '';
      const io: Io = {
        stdout: { write: (s: string) => (out += s), isTTY: true },
        stderr: { write: () => true },
        stdin: Readable.from(['']) as unknown as Io['stdin'],
        cwd: repo,
        env,
      };
      await runCli(['policy', 'diff', tessellate, ...today], io);
      return out;
    };
    expect(await capture({})).toContain('\x1b[');
    expect(await capture({ NO_COLOR: '1' })).not.toContain('\x1b[');
    expect((await run(['policy', 'diff', tessellate, ...today])).stdout).not.toContain('\x1b[');
  });

  it('rejects a malformed --today', async () => {
    const r = await run(['policy', 'diff', tessellate, '--today', 'tomorrow']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--today must be a date as YYYY-MM-DD');
  });
});

describe('ewto policy changes', () => {
  it('classifies changes and, with --policy, says what to change', async () => {
    const r = await run([
      'policy',
      'changes',
      '2017',
      'latest',
      '--policy',
      `${examples}/kestrel-search.yaml`,
      '--format',
      'json',
      ...today,
    ]);
    expect(r.code).toBe(0);
    const c = JSON.parse(r.stdout);
    expect(c.summary).toEqual({ breaking: 18, relaxing: 1, editorial: 3 });
    expect(c.changes).toContainEqual(
      expect.objectContaining({ rule: 'level-raised', provision: 'PWF-005', level: 'breaking' }),
    );
    expect(c.policy.actions.find((a: { provision: string }) => a.provision === 'PWF-014').cause).toBe(
      'new-provision',
    );
  });
  it('prints text and markdown', async () => {
    const t = await run(['policy', 'changes', '2016', '2017']);
    expect(t.stdout).toContain('exceptions-removed');
    const md = await run(['policy', 'changes', '2016', '2017', '--format', 'markdown']);
    expect(md.stdout).toMatch(/^# Framework 2016 → 2017/);
  });
  it('an unknown edition is a usage error', async () => {
    const r = await run(['policy', 'changes', '2016', '2019']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown framework edition "2019"');
  });
  it('has --help', async () => {
    const r = await run(['policy', 'changes', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: ewto policy changes <from-id> <to-id>');
  });
});
