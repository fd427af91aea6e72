/**
 * `pnpm test` checks the system packages the suites use before running them (issue 8 item 16):
 * scripts/test-prereqs.sh run against a stub PATH (fake `id`, `apt-get`, `redis-server`) and a
 * fake root for /usr/bin/chromium and /usr/bin/python3.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from './support/paths.ts';

const script = join(repoRoot, 'scripts/test-prereqs.sh');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

type Package = 'chromium' | 'redis-server' | 'python3-jwcrypto';

function exe(path: string, body: string) {
  writeFileSync(path, `#!/bin/bash\n${body}\n`);
  chmodSync(path, 0o755);
}

/** A machine with `have` installed, running as `uid`, with an apt-get that works, fails or is absent. */
function machine({
  have,
  uid,
  apt = 'works',
}: {
  have: Package[];
  uid: number;
  apt?: 'works' | 'fails' | 'absent';
}) {
  const dir = mkdtempSync(join(tmpdir(), 'ewto-prereqs-'));
  dirs.push(dir);
  const bin = join(dir, 'bin');
  const root = join(dir, 'root');
  const log = join(dir, 'apt.log');
  mkdirSync(bin);
  mkdirSync(join(root, 'usr/bin'), { recursive: true });
  const chromium = `exe() { printf '#!/bin/bash\\n' > "$1"; /bin/chmod +x "$1"; }`;
  exe(join(bin, 'id'), `[ "$1" = -u ] && echo ${uid}`);
  // python3 is always there; it imports jwcrypto once python3-jwcrypto is installed.
  exe(join(root, 'usr/bin/python3'), `[ -e "\${0%/*}/jwcrypto-installed" ]`);
  const install = (p: Package) =>
    p === 'chromium'
      ? `exe "${root}/usr/bin/chromium"`
      : p === 'redis-server'
        ? `exe "${bin}/redis-server"`
        : `: > "${root}/usr/bin/jwcrypto-installed"`;
  if (apt !== 'absent')
    exe(
      join(bin, 'apt-get'),
      [
        chromium,
        `echo "$*" >> "${log}"`,
        apt === 'fails' ? 'exit 100' : '',
        '[ "$1" = install ] || exit 0',
        'for p in "$@"; do case "$p" in',
        `  chromium) ${install('chromium')};;`,
        `  redis-server) ${install('redis-server')};;`,
        `  python3-jwcrypto) ${install('python3-jwcrypto')};;`,
        'esac; done',
      ].join('\n'),
    );
  // What is already installed, by the same steps apt-get takes.
  if (have.length) exe(join(dir, 'preinstall'), [chromium, ...have.map(install)].join('\n'));
  if (have.length) spawnSync(join(dir, 'preinstall'));
  const run = () =>
    spawnSync('/bin/bash', [script], {
      env: { PATH: bin, EWTO_PREREQ_ROOT: root },
      encoding: 'utf8',
    });
  const aptCalls = () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []);
  return { run, aptCalls };
}

describe('the test prerequisites check', () => {
  it('is silent and installs nothing when everything is there', () => {
    const m = machine({ have: ['chromium', 'redis-server', 'python3-jwcrypto'], uid: 0 });
    const r = m.run();
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('');
    expect(r.status).toBe(0);
    expect(m.aptCalls()).toEqual([]);
  });

  it('as root with apt-get, installs exactly what is missing, saying so, and passes', () => {
    const m = machine({ have: ['python3-jwcrypto'], uid: 0 });
    const r = m.run();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('installing the system packages the tests need: chromium redis-server');
    expect(m.aptCalls()).toEqual([
      'update -qq',
      'install -y -qq --no-install-recommends chromium redis-server',
    ]);
    expect(m.run().stdout).toBe(''); // now all there
  });

  it('names python3-jwcrypto when python3 cannot import jwcrypto', () => {
    const m = machine({ have: ['chromium', 'redis-server'], uid: 0 });
    expect(m.run().status).toBe(0);
    expect(m.aptCalls()).toEqual(['update -qq', 'install -y -qq --no-install-recommends python3-jwcrypto']);
  });

  it('not root: stops at once with the one command to run, installing nothing', () => {
    const m = machine({ have: ['redis-server'], uid: 1000 });
    const r = m.run();
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('missing system packages the tests need: chromium python3-jwcrypto');
    const commands = r.stderr.split('\n').filter((l) => l.includes('apt-get'));
    expect(commands).toEqual([
      '  sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium python3-jwcrypto',
    ]);
    expect(m.aptCalls()).toEqual([]);
  });

  it('root without apt-get: stops with the command, naming what the tests look for', () => {
    const m = machine({ have: [], uid: 0, apt: 'absent' });
    const r = m.run();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('/usr/bin/chromium, redis-server on PATH and /usr/bin/python3 with jwcrypto');
    expect(r.stderr).toContain(
      'apt-get install -y --no-install-recommends chromium redis-server python3-jwcrypto',
    );
  });

  it('fails, saying so, when apt-get cannot install', () => {
    const m = machine({ have: ['chromium', 'python3-jwcrypto'], uid: 0, apt: 'fails' });
    const r = m.run();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('apt-get could not install redis-server');
  });

  it('runs before the test suites in `pnpm test`, and CI uses it', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.test).toMatch(/^bash scripts\/test-prereqs\.sh && turbo run test\b/);
    const ci = readFileSync(join(repoRoot, '.ci/run'), 'utf8');
    expect(ci).toMatch(/^pnpm test\b/m);
    expect(ci).not.toContain('apt-get'); // one place installs the prerequisites
  });
});
