/**
 * `pnpm ewto` as a user types it, from a subdirectory of the repository: it runs the esbuild bundle
 * (ADR 0001) and resolves relative file arguments against the directory it was run from.
 */
import { join } from 'node:path';
import { staleReason } from '@ewto/cli/bundle';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './support/paths.ts';
import { spawnCapture } from './support/proc.ts';

describe('pnpm ewto', () => {
  it('runs the bundle from a subdirectory, with file arguments relative to it', async () => {
    const cwd = join(repoRoot, 'policies/companies');
    // No inherited INIT_CWD: pnpm sets it to the directory it was started in.
    const r = await spawnCapture(
      'pnpm',
      ['--silent', 'ewto', 'policy', 'diff', 'examples/kestrel-search.yaml', '--format', 'json'],
      { cwd, env: { INIT_CWD: undefined } },
    );
    expect(r.stderr).not.toMatch(/cannot read|\n\s+at /);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.summary.score).toBeGreaterThanOrEqual(0);
    expect(staleReason()).toBeNull(); // what ran was apps/cli/dist/ewto.mjs, up to date
  }, 60_000);
});
