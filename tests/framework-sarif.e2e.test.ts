/**
 * `ewto policy` as a user runs it (a real process, from a subdirectory): SARIF that passes the
 * SARIF 2.1.0 schema of ../shared/reference, and the exit codes of design.md.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv4 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, sharedDir } from './support/paths.ts';
import { runCli } from './support/proc.ts';

const companies = join(repoRoot, 'policies/companies');
const tmp = mkdtempSync(join(tmpdir(), 'ewto-framework-e2e-'));
/** Runs the CLI from `cwd` as `pnpm ewto` would (pnpm passes the caller's directory as INIT_CWD). */
const run = (args: string[], { cwd }: { cwd: string }) => runCli(args, { cwd });
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function sarifValidator() {
  const schema = JSON.parse(
    readFileSync(join(sharedDir, 'reference/sarif-2.1.0/sarif-schema-2.1.0.json'), 'utf8'),
  );
  const ajv = new Ajv4({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv.compile(schema);
}

describe('ewto policy diff --format sarif', () => {
  const validate = sarifValidator();
  for (const example of ['tessellate-market', 'kestrel-search', 'larkspur-social'])
    it(`passes the SARIF 2.1.0 schema (${example}), with results at file/line in the policy`, async () => {
      const file = `examples/${example}.yaml`;
      const r = await run(['policy', 'diff', file, '--format', 'sarif', '--today', '2026-11-24'], {
        cwd: companies,
      });
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.code).toBe(0);
      const sarif = JSON.parse(r.stdout);
      expect(validate(sarif), JSON.stringify(validate.errors, null, 2)).toBe(true);
      expect(validate({ ...sarif, version: '2.0.0' })).toBe(false); // the validator can fail
      const run0 = sarif.runs[0];
      expect(run0.artifacts[0].location).toEqual({ uri: file, uriBaseId: 'SRCROOT' });
      expect(run0.originalUriBaseIds.SRCROOT.uri).toBe(`file://${companies}/`);
      const text = readFileSync(join(companies, file), 'utf8').split('\n');
      for (const result of run0.results) {
        const { startLine, startColumn } = result.locations[0].physicalLocation.region;
        expect(text[startLine - 1]?.length).toBeGreaterThanOrEqual(startColumn - 1);
        expect(result.locations[0].logicalLocations[0].name).toBe(result.ruleId);
        if (result.properties.verdict === 'missing' && !result.properties.finding)
          expect(text[startLine - 1]).toMatch(/^rules:/);
      }
    });
});

describe('exit codes', () => {
  it('0 when valid, 1 when the score is under --fail-under', async () => {
    const args = ['policy', 'diff', 'examples/tessellate-market.yaml', '--today', '2026-11-24'];
    expect((await run(args, { cwd: companies })).code).toBe(0);
    const under = await run([...args, '--fail-under', '95'], { cwd: companies });
    expect(under.code).toBe(1);
    expect(under.stderr).toContain('is under --fail-under 95');
  });
  it('1 for malformed YAML, located, without a stack trace', async () => {
    writeFileSync(join(tmp, 'bad.yaml'), 'kind: company-policy\ncompany: "unterminated\n');
    const r = await run(['policy', 'validate', 'bad.yaml'], { cwd: tmp });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^bad\.yaml:\d+:\d+: malformed YAML: /);
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /);
  });
  it('2 for a missing file', async () => {
    const r = await run(['policy', 'diff', 'no-such-policy.yaml'], { cwd: tmp });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot read no-such-policy.yaml: no such file');
  });
});
