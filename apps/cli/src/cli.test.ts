import { describe, expect, it } from 'vitest';
import { runCaptured } from './testing.ts';

describe('ewto', () => {
  it('prints help at the top level and exits 0', async () => {
    const r = await runCaptured(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: ewto <command>');
    expect(r.stdout).toContain('admin');
  });
  it('prints its version', async () => {
    expect((await runCaptured(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
  it('exits 2 on an unknown command or option, naming it', async () => {
    const a = await runCaptured(['frobnicate']);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('unknown command "frobnicate"');
    const b = await runCaptured(['admin', 'migrate', '--bogus']);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain("'--bogus'");
  });
  it('has --help on every group and command', async () => {
    const r = await runCaptured(['admin', 'migrate', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: ewto admin migrate');
  });
  it('migrates the database named by DATABASE_URL', async () => {
    const r = await runCaptured(['admin', 'migrate'], { env: { DATABASE_URL: ':memory:' } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});
