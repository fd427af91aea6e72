/**
 * Framework benchmark, two parts; medians of several runs, ratios against baselines measured in
 * the same run. Prints numbers, asserts nothing. `pnpm bench`, or
 * `tsx bench/diff.bench.ts [N=2000] [runs=9] [large=50000] [large runs=3]`.
 *
 * 1. The alignment diff of a synthetic N-provision edition against an N-rule company policy, beside
 *    parsing the same two documents (YAML + schema validation + semantic checks).
 * 2. A company policy of `large` rules (about 10 MB of YAML) against the newest released edition:
 *    `policy validate` (parse + validate + checks) and `policy diff` (that and the diff), each as a
 *    ratio to a bare `yaml` parse (`parse` of the `yaml` package) of the same text.
 */
import { parse as parseYaml } from 'yaml';
import { diffPolicy, parseCompanyPolicy, parseEdition } from '../src/index.ts';
import { loadEditions } from '../src/node/index.ts';
import { largePolicy, synthetic } from './synthetic.ts';

const n = Number(process.argv[2] ?? 2000);
const runs = Number(process.argv[3] ?? 9);
const large = Number(process.argv[4] ?? 50_000);
const largeRuns = Number(process.argv[5] ?? 3);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
function measure<T>(fn: () => T, times = runs): { ms: number[]; last: T } {
  const ms: number[] = [];
  let last: T | undefined;
  fn(); // warm-up: JIT, ajv compilation
  for (let i = 0; i < times; i++) {
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

if (large > 0) {
  const editions = await loadEditions();
  const edition = editions.at(-1)!;
  const text = largePolicy(large);
  console.log(
    `\n${large.toLocaleString('en')}-rule company policy (${(text.length / 1e6).toFixed(1)} MB of YAML) against edition ${edition.version}, median of ${largeRuns} runs`,
  );
  const bare = median(measure(() => parseYaml(text), largeRuns).ms);
  const validate = () => {
    const p = parseCompanyPolicy(text, { editions, today: '2030-06-01' });
    if (!p.ok) throw new Error(`large policy invalid: ${p.issues[0]?.message}`);
    return p.document;
  };
  const validateMs = median(measure(validate, largeRuns).ms);
  const diff = measure(() => diffPolicy(edition, validate(), { today: '2030-06-01' }), largeRuns);
  const diffMs = median(diff.ms);
  const ratio = (ms: number) => `${(ms / bare).toFixed(2).padStart(9)} × bare yaml`;
  row('bare `yaml` parse of the same text (baseline)', bare);
  console.log(
    `${'policy validate: parse + schema + checks'.padEnd(56)} ${validateMs.toFixed(1).padStart(9)} ms ${ratio(validateMs)}`,
  );
  console.log(
    `${'policy diff: validate + diffPolicy'.padEnd(56)} ${diffMs.toFixed(1).padStart(9)} ms ${ratio(diffMs)}`,
  );
  console.log(`score ${diff.last.summary.score}`);
}
