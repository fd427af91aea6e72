/**
 * Generates TypeScript types from every `*.schema.json` into `generated/<name>.ts`.
 * `--check` regenerates in memory and fails (exit 1) when a committed file is stale.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compile, type JSONSchema } from 'json-schema-to-typescript';

const root = resolve(import.meta.dirname, '..');
const check = process.argv.includes('--check');
const banner = '/* Generated from schemas/%s by `pnpm gen` (json-schema-to-typescript). Do not edit. */';

const files = readdirSync(root)
  .filter((f) => f.endsWith('.schema.json'))
  .sort();
const stale: string[] = [];
for (const file of files) {
  const schema = JSON.parse(readFileSync(join(root, file), 'utf8')) as JSONSchema;
  const name = file.replace(/\.schema\.json$/, '');
  const ts = await compile(schema, schema.title ?? name, {
    cwd: root,
    bannerComment: banner.replace('%s', file),
    additionalProperties: false,
    unreachableDefinitions: true,
    strictIndexSignatures: true,
    format: true,
    style: { singleQuote: true, printWidth: 110 },
  });
  const out = join(root, 'generated', `${name}.ts`);
  let current = '';
  try {
    current = readFileSync(out, 'utf8');
  } catch {}
  if (current === ts) continue;
  if (check) stale.push(`generated/${name}.ts`);
  else {
    writeFileSync(out, ts);
    console.log(`wrote generated/${name}.ts`);
  }
}
if (stale.length > 0) {
  console.error(`stale generated types (run \`pnpm gen\` and commit):\n  ${stale.join('\n  ')}`);
  process.exit(1);
}
if (check) console.log(`generated types up to date (${files.length} schemas)`);
