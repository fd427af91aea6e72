/**
 * Framework benchmark: the alignment diff of a synthetic N-provision edition against an N-rule
 * company policy (N = 2,000 by default), in ms and as a ratio to parsing the same two documents
 * (YAML parse + schema validation + semantic checks) in the same run; medians of several runs.
 * Prints numbers, asserts nothing. `pnpm bench`, or `tsx bench/diff.bench.ts 10000`.
 */
import { diffPolicy, parseCompanyPolicy, parseEdition } from '../src/index.ts';
import { synthetic } from './synthetic.ts';

const n = Number(process.argv[2] ?? 2000);
const runs = Number(process.argv[3] ?? 9);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
function measure<T>(fn: () => T): { ms: number[]; last: T } {
  const ms: number[] = [];
  let last: T | undefined;
  fn(); // warm-up: JIT, ajv compilation
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    last = fn();
    ms.push(performance.now() - start);
  }
  return { ms, last: last as T };
}

const { editionText, policyText } = synthetic(n);
console.log(
  `@ewto/framework benchmark: ${n.toLocaleString('en')} provisions × ${n.toLocaleString('en')} rules, median of ${runs} runs (node ${process.version})`,
);
console.log(
  `documents: edition ${(editionText.length / 1024).toFixed(0)} KiB, policy ${(policyText.length / 1024).toFixed(0)} KiB of YAML\n`,
);

const parse = measure(() => {
  const e = parseEdition(editionText);
  if (!e.ok) throw new Error(`synthetic edition invalid: ${e.issues[0]?.message}`);
  const p = parseCompanyPolicy(policyText, { editions: [e.document], today: '2030-06-01' });
  if (!p.ok) throw new Error(`synthetic policy invalid: ${p.issues[0]?.message}`);
  return { edition: e.document, policy: p.document };
});
const { edition, policy } = parse.last;
const diff = measure(() => diffPolicy(edition, policy, { today: '2030-06-01' }));

const parseMs = median(parse.ms);
const diffMs = median(diff.ms);
const row = (label: string, ms: number) => console.log(`${label.padEnd(56)} ${ms.toFixed(1).padStart(9)} ms`);
row('parse + validate edition and policy (YAML, schema, checks)', parseMs);
row('diffPolicy (verdicts, gaps, score)', diffMs);
console.log(`${'ratio diff / parse'.padEnd(56)} ${(diffMs / parseMs).toFixed(2).padStart(9)} ×`);
const counts = diff.last.summary.counts;
console.log(
  `\nverdicts: ${Object.entries(counts)
    .map(([v, c]) => `${c} ${v}`)
    .join(', ')}; score ${diff.last.summary.score}`,
);
