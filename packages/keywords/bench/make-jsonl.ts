/**
 * Writes a synthetic JSONL file of listings (the benchmark's corpus generator) to measure the CLI on
 * big inputs:
 *
 *   pnpm --filter @ewto/keywords exec tsx bench/make-jsonl.ts /tmp/big.jsonl 200
 *   /usr/bin/time -v pnpm ewto keywords screen /tmp/big.jsonl --format jsonl > /dev/null
 *
 * Arguments: output path, size in MB (default 200). Deterministic (seeded).
 */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { loadLibrary } from '../src/node/index.ts';
import { prng } from '../src/testing/prng.ts';
import { makeListing } from './synthetic.ts';

const [out, mbArg = '200'] = process.argv.slice(2);
if (!out) {
  console.error('usage: make-jsonl.ts <out.jsonl> [size-in-MB]');
  process.exit(2);
}
const target = Number(mbArg) * 1e6;
const library = await loadLibrary();
const sprinkled = library.terms.map((t) => t.text);
const rnd = prng(7);
const stream = createWriteStream(out);
let bytes = 0;
let id = 0;
while (bytes < target) {
  let chunk = '';
  for (let k = 0; k < 1000; k++) chunk += `${JSON.stringify(makeListing(rnd, id++, sprinkled))}\n`;
  bytes += Buffer.byteLength(chunk);
  if (!stream.write(chunk)) await once(stream, 'drain');
}
stream.end();
await once(stream, 'finish');
console.log(`wrote ${out}: ${id} listings, ${(bytes / 1e6).toFixed(1)} MB`);
