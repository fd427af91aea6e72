/**
 * CLI start time: `node apps/cli/dist/ewto.mjs --help` as a ratio to `node -e 0`, both measured in
 * this run, interleaved, so a busy machine slows both alike. Also shown: `pnpm ewto --help` (pnpm's
 * start included) and `tsx apps/cli/src/bin.ts` (what `pnpm ewto` ran before the bundle). `pnpm --filter @ewto/cli bench [-- --runs N]`.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultBundle, ensureBundle, repoRoot } from '../scripts/bundle.mjs';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: { runs: { type: 'string', default: '15' } },
});
const runs = Number(values.runs);

await ensureBundle({ log: (l) => console.log(l) });

const candidates: Array<[label: string, cmd: string, args: string[]]> = [
  ['node -e 0', process.execPath, ['-e', '0']],
  ['node apps/cli/dist/ewto.mjs --help', process.execPath, [defaultBundle, '--help']],
  // What a person waits for: pnpm's own start, the staleness check, then the bundle.
  ['pnpm --silent ewto --help', 'pnpm', ['--silent', 'ewto', '--help']],
  [
    'tsx apps/cli/src/bin.ts --help',
    join(repoRoot, 'node_modules/.bin/tsx'),
    [join(repoRoot, 'apps/cli/src/bin.ts'), '--help'],
  ],
];

function time(cmd: string, args: string[]): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const samples = candidates.map(() => [] as number[]);
for (const [, cmd, args] of candidates) time(cmd, args); // warm the file cache
for (let r = 0; r < runs; r++)
  for (const [i, [, cmd, args]] of candidates.entries()) samples[i]!.push(time(cmd, args));

const base = median(samples[0]!);
console.log(`CLI start, median of ${runs} interleaved runs (ratio to node -e 0 in this run):`);
for (const [i, [label]] of candidates.entries()) {
  const m = median(samples[i]!);
  console.log(`  ${label.padEnd(40)} ${m.toFixed(0).padStart(5)} ms  ${(m / base).toFixed(2)}×`);
}
