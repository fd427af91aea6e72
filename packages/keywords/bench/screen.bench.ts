/**
 * `pnpm bench`: screening throughput (MB/s of listing text, UTF-8, one core, normalisation and scoring
 * included) for libraries of 300, 2,500 and 10,000 terms, beside a baseline measured in the same run:
 * one case-insensitive regular expression (`gi`, no `u` flag) alternating all terms, escaped and
 * longest first, over the raw text of the same fields.
 */
import { compileLibrary, type Listing, screenListing } from '../src/index.ts';
import { loadLibrary } from '../src/node/index.ts';
import { prng } from '../src/testing/prng.ts';
import { makeListing, syntheticLibrary } from './synthetic.ts';

const SIZES = [300, 2_500, 10_000];
const LISTINGS = Number(process.env.BENCH_LISTINGS ?? 20_000);
const MIN_SECONDS = Number(process.env.BENCH_SECONDS ?? 1.5);

const real = await loadLibrary();
const rnd = prng(42);
const sprinkled = real.terms.map((t) => t.text);
// Through JSON, as the CLI and the hub receive listings (flat strings, not concatenation ropes).
const listings: Listing[] = JSON.parse(
  JSON.stringify(Array.from({ length: LISTINGS }, (_, i) => makeListing(rnd, i, sprinkled))),
);
const fields = listings.flatMap((l) => [l.title ?? '', l.description ?? '', ...(l.tags ?? [])]);
const encoder = new TextEncoder();
const bytes = fields.reduce((n, f) => n + encoder.encode(f).length, 0);
const ascii = fields.reduce((n, f) => n + (/^[\x00-\x7f]*$/.test(f) ? f.length : 0), 0);
const chars = fields.reduce((n, f) => n + f.length, 0);
console.log(
  `corpus: ${LISTINGS} listings, ${(bytes / 1e6).toFixed(1)} MB UTF-8, ${((100 * ascii) / chars).toFixed(0)}% of characters in all-ASCII fields\n`,
);

/** Runs `fn` over the corpus until MIN_SECONDS have passed (after one warm-up pass); returns MB/s. */
function throughput(fn: () => number): { mbps: number; result: number } {
  let result = fn();
  let passes = 0;
  const t0 = performance.now();
  let elapsed = 0;
  while (elapsed < MIN_SECONDS * 1000) {
    result = fn();
    passes++;
    elapsed = performance.now() - t0;
  }
  return { mbps: (bytes * passes) / 1e6 / (elapsed / 1000), result };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const rows: string[][] = [];
for (const size of SIZES) {
  const library = syntheticLibrary(real, size);
  const t0 = performance.now();
  const screener = compileLibrary(library);
  const compileMs = performance.now() - t0;
  const engine = throughput(() => {
    let matches = 0;
    for (const l of listings) matches += screenListing(screener, l).matches.length;
    return matches;
  });
  const alternation = library.terms
    .map((t) => t.text)
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|');
  const regex = new RegExp(alternation, 'gi');
  const baseline = throughput(() => {
    let matches = 0;
    for (const f of fields) {
      regex.lastIndex = 0;
      while (regex.exec(f) !== null) matches++;
    }
    return matches;
  });
  rows.push([
    size.toLocaleString('en'),
    String(screener.automaton.stateCount),
    compileMs.toFixed(0),
    engine.mbps.toFixed(1),
    baseline.mbps.toFixed(1),
    (engine.mbps / baseline.mbps).toFixed(1),
    String(engine.result),
    String(baseline.result),
  ]);
}

const head = [
  'terms',
  'states',
  'compile ms',
  'engine MB/s',
  'regex MB/s',
  'ratio',
  'engine matches',
  'regex matches',
];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (r: string[]) => r.map((c, i) => c.padStart(widths[i]!)).join('  ');
console.log(line(head));
for (const r of rows) console.log(line(r));
console.log(
  '\nengine = normalise + one automaton pass + boundary rules + scoring (screenListing); regex = matching only.',
);
