/**
 * The fast block-YAML reader against the `yaml` package: wherever it answers, the same data and the
 * same positions (value and key) for every JSON Pointer; and it does answer for the policies people
 * write (every YAML file of the repository).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, stringify } from 'yaml';
import { parseBlockYaml } from './yaml-block.ts';
import { parseSource } from './yaml-source.ts';

type Pos = { line: number; col: number };

/** What `yaml` says: data, and the positions `parseSource` and the framework's key locator give. */
function reference(text: string) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const pos = (offset: number): Pos => lineCounter.linePos(offset);
  const walk = (pointer: string, keys: boolean): Pos => {
    let node: unknown = doc.contents;
    let last = doc.contents as Node | undefined;
    for (const raw of pointer.split('/').slice(1)) {
      const seg = raw.replaceAll('~1', '/').replaceAll('~0', '~');
      if (isMap(node)) {
        const pair = node.items.find((it) => isScalar(it.key) && String(it.key.value) === seg);
        if (!pair) break;
        node = pair.value;
        last = keys ? (pair.key as Node) : ((pair.value as Node | null) ?? (pair.key as Node));
      } else if (isSeq(node)) {
        const item = node.items[Number(seg)] as Node | undefined;
        if (!item) {
          if (keys) break;
          node = undefined;
          continue;
        }
        node = item;
        last = item;
      } else break;
    }
    return last?.range ? pos(last.range[0]) : { line: 1, col: 1 };
  };
  return {
    errors: doc.errors.length,
    data: doc.errors.length ? undefined : doc.toJS(),
    locate: (p: string) => walk(p, false),
    locateKey: (p: string) => walk(p, true),
  };
}

function pointers(data: unknown, at = ''): string[] {
  const out = [at];
  if (Array.isArray(data)) for (const [i, x] of data.entries()) out.push(...pointers(x, `${at}/${i}`));
  else if (data !== null && typeof data === 'object')
    for (const [k, v] of Object.entries(data))
      out.push(...pointers(v, `${at}/${k.replaceAll('~', '~0').replaceAll('/', '~1')}`));
  return out;
}

/** Same data and positions as `yaml` when the fast reader answers; whether it answered. */
function agrees(text: string): boolean {
  const fast = parseBlockYaml(text);
  if (!fast) return false;
  const ref = reference(text);
  expect(ref.errors, text).toBe(0);
  expect(fast.data, text).toEqual(ref.data);
  const all = [...pointers(ref.data), '/nope', '/0/nope', `${pointers(ref.data).at(-1)}/x/y`];
  for (const p of all) {
    expect(fast.position(fast.valueOffset(p)), `${p} in\n${text}`).toEqual(ref.locate(p));
    expect(fast.position(fast.keyOffset(p)), `key ${p} in\n${text}`).toEqual(ref.locateKey(p));
  }
  return true;
}

const repo = resolve(import.meta.dirname, '../..');
function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

describe('the fast block-YAML reader', () => {
  it('reads every YAML file of the repository exactly as `yaml` does', () => {
    const files = yamlFiles(join(repo, 'policies'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) expect(agrees(readFileSync(file, 'utf8')), file).toBe(true);
  }, 60_000);

  it('reads generated documents exactly as `yaml` does, in every style `yaml` writes', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const strings = [
      'plain words',
      'Panthera pardus',
      '2020',
      '007',
      '1.5',
      'true',
      'null',
      '~',
      '',
      ' leading space',
      'trailing space ',
      'a: b',
      'x #y',
      '#hash',
      "it's",
      'say "hi"',
      'back\\slash',
      'line\nbreak',
      'para\n\ntwo',
      'ends with newline\n',
      '- dash',
      '[not a list]',
      '{not a map}',
      'https://example.com/p?a=1',
      'é ü 象牙 🐘',
      'a'.repeat(120),
      `${'long words '.repeat(12)}end`,
      '@at',
      '%pct',
      '&amp',
      '*star',
      '!bang',
      '|pipe',
      '>gt',
      'tab\there',
      'PWF-001',
      '2027-06-30',
      '0x1F',
      '1e5',
      '.inf',
      '-',
      '?',
      ':',
    ];
    const value = (depth: number): unknown => {
      const r = random();
      if (depth > 3 || r < 0.45) {
        const s = random();
        if (s < 0.7) return strings[Math.floor(random() * strings.length)];
        if (s < 0.8) return Math.floor(random() * 1000) - 500;
        if (s < 0.85) return random() < 0.5;
        if (s < 0.9) return null;
        return Math.round(random() * 1000) / 100;
      }
      if (r < 0.7) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
      const out: Record<string, unknown> = {};
      for (let i = Math.floor(random() * 5); i > 0; i--)
        out[
          random() < 0.8 ? `key${Math.floor(random() * 20)}` : strings[Math.floor(random() * strings.length)]!
        ] = value(depth + 1);
      return out;
    };
    const styles = [
      {},
      { indentSeq: false },
      { collectionStyle: 'flow' as const },
      { lineWidth: 0 },
      { indent: 4 },
    ];
    let answered = 0;
    for (let i = 0; i < 400; i++) {
      const doc = { kind: 'test', n: i, body: value(0), more: value(1) };
      const text = stringify(doc, styles[i % styles.length]);
      if (agrees(text)) answered++;
    }
    expect(answered).toBeGreaterThan(200);
  }, 60_000);

  it('reads what people write: comments, quotes, flow lists and maps, block scalars, sequences at the key indent', () => {
    const texts = [
      'kind: company-policy   # the kind\ncompany: "X"\nrules:\n- id: a\n  scope: {speciesGroups: [elephant], exceptions: []}\n# done\n',
      "a: 'it''s'\nb: \"tab\\tq\\\"uote\\u00e9\"\nc:\nd: ~\ne: [1, -2, 3.5, x y, 'q']\nf: {}\ng: []\n",
      'note: >-\n  folded\n  text\n\n  second\nlit: |\n  keep\n    indented\n  lines\nnext: 1\n',
      '- a\n- b: 1\n  c: 2\n-\n  d: 3\n- [x]\n',
      'evidence: {url: https://example.com/policy, clause: "2.2"}\n',
      '\n\n# leading comment\n\nkey: value\n',
    ];
    for (const text of texts) expect(agrees(text), text).toBe(true);
  });

  it('leaves everything else to `yaml`, which then reports it as before', () => {
    const texts = [
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      '--- \na: 1\n',
      'a: 1\n---\nb: 2\n',
      'a: plain\n  continued\n',
      'a: "two\n  lines"\n',
      'a: [1,\n  2]\n',
      'a: 1\na: 2\n',
      'a:\tb\n',
      'a: 1\r\nb: 2\r\n',
      '{"json": true}\n',
      'just a scalar\n',
      'a: b: c\n',
      'a: [unclosed\n',
      `${'x:\n '.repeat(100)}y: 1\n`,
      'a: |+\n  keep\n\n',
      'a: |2\n   x\n',
      'k: 0x1F\n',
      'k: 1e5\n',
    ];
    for (const text of texts) expect(parseBlockYaml(text), text).toBeUndefined();
    expect(parseSource('a: 1\na: 2\n').syntaxErrors[0]?.message).toMatch(/unique/i);
  });
});
