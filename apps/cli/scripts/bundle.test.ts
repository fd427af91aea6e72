import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSqld } from '@ewto/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle, repoRoot, staleReason } from './bundle.mjs';

const dir = mkdtempSync(join(tmpdir(), 'ewto-bundle-'));
const bundle = join(dir, 'ewto.mjs');
const manifestFile = join(dir, 'ewto.inputs.json');
let inputs: string[] = [];
const manifest = () => JSON.parse(readFileSync(manifestFile, 'utf8'));

beforeAll(async () => {
  ({ inputs } = await buildBundle({ bundle }));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the CLI bundle', () => {
  it('runs without tsx and finds the data its packages read (editions, library, migrations)', () => {
    const run = (args: string[], env: Record<string, string> = {}) =>
      spawnSync(process.execPath, [bundle, ...args], {
        cwd: dir,
        env: { ...process.env, INIT_CWD: join(repoRoot, 'policies/companies'), ...env },
        encoding: 'utf8',
      });
    const help = run(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: ewto <command>');
    const diff = run(['policy', 'diff', 'examples/tessellate-market.yaml', '--format', 'json']);
    expect(diff.stderr).not.toMatch(/\n\s+at /);
    expect(JSON.parse(diff.stdout).framework.version).toBeTruthy();
    const screen = spawnSync(process.execPath, [bundle, 'keywords', 'screen', '-', '--format', 'jsonl'], {
      input: 'ivory tusk carving\n',
      encoding: 'utf8',
    });
    expect(JSON.parse(screen.stdout).flagged).toBe(true);
    const migrate = run(['admin', 'migrate'], { DATABASE_URL: `file:${join(dir, 'hub.db')}` });
    expect(migrate.stderr).toBe('');
    expect(migrate.status).toBe(0);
  }, 60_000);

  it('loads libsql and ws when a database is opened: a file, and a libsql server over WebSocket', async () => {
    const migrate = (url: string) =>
      spawnSync(process.execPath, [bundle, 'admin', 'migrate'], {
        env: { ...process.env, DATABASE_URL: url },
        encoding: 'utf8',
      });
    const file = migrate(`file:${join(dir, 'lazy.db')}`);
    expect(file.stderr).toBe('');
    expect(file.status).toBe(0);
    const sqld = await startSqld();
    try {
      const ws = migrate(sqld.url.replace(/^http:/, 'ws:'));
      expect(ws.stderr).toBe('');
      expect(ws.stdout).toContain('migrated');
      expect(ws.status).toBe(0);
    } finally {
      await sqld.stop();
    }
  }, 60_000);

  it('lists every workspace source it was built from, beyond apps/cli, and no npm package', () => {
    expect(inputs).toContain('apps/cli/src/main.ts');
    expect(inputs.some((p) => p.startsWith('packages/framework/src/'))).toBe(true);
    expect(inputs.some((p) => p.startsWith('packages/db/src/'))).toBe(true);
    expect(inputs.some((p) => p.startsWith('schemas/'))).toBe(true);
    expect(inputs.filter((p) => p.includes('node_modules'))).toEqual([]);
    expect(manifest().inputs).toEqual(inputs);
  });

  it('is fresh after a build, and stale once any of those sources is newer, naming it', () => {
    expect(staleReason(bundle)).toBeNull();
    const source = inputs.find((p) => p.startsWith('packages/framework/src/'))!;
    const built = manifest();
    // As if the bundle had been built just before this source was last saved.
    const before = statSync(join(repoRoot, source)).mtimeMs - 1_000;
    writeFileSync(
      manifestFile,
      JSON.stringify({ ...built, startedAt: before, inputs: [source, ...built.inputs] }),
    );
    expect(staleReason(bundle)).toBe(`${source} changed`);
    writeFileSync(
      manifestFile,
      JSON.stringify({ ...built, inputs: ['packages/framework/src/removed.ts', ...built.inputs] }),
    );
    expect(staleReason(bundle)).toBe('packages/framework/src/removed.ts is gone');
    rmSync(manifestFile);
    expect(staleReason(bundle)).toMatch(/has not been built/);
    writeFileSync(manifestFile, JSON.stringify(built));
  });
});
