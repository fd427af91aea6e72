/**
 * The README's bootstrap blocks, run as written (issue 8 item 15): the one for a database without
 * the demo seed, then a hub serving it; the one for the demo database `pnpm start` creates. Each
 * `pnpm ewto` line runs the CLI bundle from a temporary directory standing in for the repo root.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { type RunningHub, startTestHub } from '@ewto/hub/testing';
import { formatKeyEncryptionKey, generateKeyEncryptionKey, parseKeyEncryptionKey } from '@ewto/identity';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from './support/paths.ts';
import { runCli } from './support/proc.ts';
import { exchange } from './support/world.ts';

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const dirs: string[] = [];
const hubs: RunningHub[] = [];
afterAll(async () => {
  for (const h of hubs) await h.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The shell lines of the ```sh block after `<!-- readme-test: name -->`, comments dropped. */
function block(name: string): string[][] {
  const m = new RegExp(`<!-- readme-test: ${name} -->\\n\`\`\`sh\\n([\\s\\S]*?)\`\`\``).exec(readme);
  if (!m) throw new Error(`README.md has no \`\`\`sh block marked readme-test: ${name}`);
  return m[1]!
    .split('\n')
    .map((l) => l.replace(/\s+#\s.*$/, '').trim())
    .filter(Boolean)
    .map(words);
}

/** Shell words: whitespace-separated, "double quotes" grouping. */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

/** A DATABASE_URL as the hub started from `root` reads it. */
const absolute = (url: string, root: string) => {
  const path = url.slice('file:'.length);
  return isAbsolute(path) ? url : `file:${join(root, path)}`;
};

/** Runs the lines: `export K=V`, `pnpm ewto …` (must exit 0), `[K=V…] pnpm start` (returned, not run). */
async function runBlock(lines: string[][], root: string, env: Record<string, string | undefined>) {
  const outputs: string[] = [];
  let start: Record<string, string> | undefined;
  for (const w of lines) {
    if (w[0] === 'export') {
      for (const kv of w.slice(1)) {
        const [k, v] = kv.split(/=(.*)/s) as [string, string];
        env[k] = v;
      }
      continue;
    }
    const assigns = w.filter((x) => /^\w+=/.test(x));
    const cmd = w.slice(assigns.length);
    if (cmd[0] === 'pnpm' && cmd[1] === 'start' && cmd.length === 2) {
      start = Object.fromEntries(assigns.map((a) => a.split(/=(.*)/s) as [string, string]));
      continue;
    }
    expect(cmd.slice(0, 2), `unexpected README line: ${w.join(' ')}`).toEqual(['pnpm', 'ewto']);
    const r = await runCli(cmd.slice(2), {
      cwd: root,
      env: { ...env, ...Object.fromEntries(assigns.map((a) => a.split(/=(.*)/s))) },
    });
    expect(r.stderr, w.join(' ')).not.toMatch(/\n\s+at |rror/);
    expect(r.code, `${w.join(' ')}\n${r.stderr}`).toBe(0);
    outputs.push(r.stdout);
  }
  return { outputs, start };
}

/** The key-encryption key `pnpm start` (and `ewto admin`) use there when none is configured. */
const kekOf = (root: string) =>
  parseKeyEncryptionKey(readFileSync(join(root, 'data/hub.kek'), 'utf8'), 'data/hub.kek');

const patIn = (outputs: string[]) => outputs.join('\n').match(/^ewto_pat_\S+$/m)?.[0];

describe('README bootstrap', () => {
  it('for a database without the demo seed works as written, and the hub then serves only it', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ewto-readme-fresh-'));
    dirs.push(root);
    const env: Record<string, string | undefined> = { DATABASE_URL: undefined, HUB_DEMO: undefined };
    const { outputs, start } = await runBlock(block('bootstrap-without-demo'), root, env);
    expect(env.DATABASE_URL, 'the block names its own database').toBeDefined();
    expect(start, 'the block ends by starting the hub').toEqual({ HUB_DEMO: 'false' });
    const hub = await startTestHub({
      databaseUrl: absolute(env.DATABASE_URL!, root),
      demo: false,
      keyEncryptionKey: kekOf(root),
    });
    hubs.push(hub);
    const pat = patIn(outputs);
    expect(pat).toBeDefined();
    const token = await exchange(hub.url, pat!);
    const me = await (
      await fetch(`${hub.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })
    ).json();
    expect(me).toMatchObject({
      email: 'ana@wwf.example',
      memberships: [expect.objectContaining({ role: 'admin' })],
    });
    const orgs = (await (
      await fetch(`${hub.url}/api/v1/orgs`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { items: Array<{ slug: string }> };
    expect(orgs.items.map((o) => o.slug)).toEqual(['wwf']); // no demo organisations
  }, 60_000);

  it('for the demo database works as written, where the block above would not', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ewto-readme-demo-'));
    dirs.push(root);
    // The demo database as `pnpm start` leaves it: ./data/hub.db, seeded, and its ./data/hub.kek.
    mkdirSync(join(root, 'data'));
    writeFileSync(join(root, 'data/hub.kek'), formatKeyEncryptionKey(generateKeyEncryptionKey()), {
      mode: 0o600,
    });
    const seeded = await startTestHub({
      databaseUrl: `file:${join(root, 'data/hub.db')}`,
      demo: true,
      keyEncryptionKey: kekOf(root),
    });
    await seeded.close();
    const env = { DATABASE_URL: undefined, HUB_DEMO: undefined };
    const { outputs } = await runBlock(block('bootstrap-demo'), root, env);
    expect(patIn(outputs)).toBeDefined();
    // What the README says about it: creating a demo slug again fails, naming it.
    const again = await runCli(
      ['admin', 'org', 'create', '--slug', 'wwf', '--name', 'WWF', '--kind', 'convener'],
      {
        cwd: root,
        env,
      },
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('"wwf" already exists');
    expect(readme).toContain('so `admin org create` for those slugs fails');
  }, 60_000);
});
