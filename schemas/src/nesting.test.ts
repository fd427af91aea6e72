import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { jsonTooDeep, MAX_NESTING, yamlTooDeep } from './nesting.ts';
import { parseSource } from './yaml-source.ts';

const policies = resolve(import.meta.dirname, '../../policies');
const yamlFiles = ['framework', 'companies/examples', 'keywords'].flatMap((d) =>
  readdirSync(join(policies, d))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => join(policies, d, f)),
);

/** Lists and mappings nested in a parsed value (a scalar is 0). */
function depth(v: unknown): number {
  if (v === null || typeof v !== 'object') return 0;
  const children = Array.isArray(v) ? v : Object.values(v);
  return 1 + Math.max(0, ...children.map(depth));
}

describe('yamlTooDeep', () => {
  it.each(yamlFiles)('measures the real nesting of %s exactly', (file) => {
    const text = readFileSync(file, 'utf8');
    const d = depth(parse(text));
    expect(yamlTooDeep(text, d)).toBeUndefined();
    expect(yamlTooDeep(text, d - 1)).toBeDefined();
  });

  it.each([
    ['flow', 'a: [[1], {b: [2]}]\n', 4],
    ['block lists in a line', 'a:\n  - - - x\n', 4],
    ['a list at the column of its key', 'a:\n- b:\n  - c:\n    - d\n', 6],
    ['a mapping in a list', '- a: 1\n  b:\n    c: 2\n- d\n', 3],
    ['block scalar bodies are text', 'a: |\n  - - - - not a list\n  [[[[\nb: 1\n', 1],
    ['comments and quotes are text', '# [[[[\na: "[[[[" # {{{\nb: \'- - -\'\n', 1],
    ['JSON', '{"a": [{"b": [1, 2]}], "c": {"d": "[["}}', 4],
    ['after a document marker', '---\na: [1]\n---\nb: 2\n', 2],
  ])('%s', (_name, text, d) => {
    expect(yamlTooDeep(text, d)).toBeUndefined();
    expect(yamlTooDeep(text, d - 1)).toBeDefined();
  });

  it('stops at the bracket that goes too deep, wherever the document ends', () => {
    const text = `kind: company-policy\nrules: ${'['.repeat(1_000_000)}`;
    const started = Date.now();
    expect(yamlTooDeep(text)).toEqual({
      // the map of `rules:` is level 1, so the 64th bracket (8th column on) opens level 65
      offset: 21 + 7 + MAX_NESTING - 1,
      line: 2,
      col: 8 + MAX_NESTING - 1,
      max: 64,
    });
    // Linear and stopping early: far below the seconds the composer took on 10 KB.
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('sees block lists opened on one line', () => {
    expect(yamlTooDeep(`a:\n  ${'- '.repeat(100)}x\n`)).toMatchObject({ line: 2 });
  });
});

describe('jsonTooDeep', () => {
  it('counts brackets outside strings', () => {
    expect(jsonTooDeep('[[1]]', 2)).toBeUndefined();
    expect(jsonTooDeep('{"a": "[[[[\\"[[[", "b": [[1]]}', 3)).toBeUndefined();
    expect(jsonTooDeep('{"a": [[1]]}', 2)).toEqual({ offset: 7, line: 1, col: 8, max: 2 });
  });
});

describe('parseSource', () => {
  it('refuses 5,000 nested brackets with a located message instead of overflowing the stack', () => {
    const src = parseSource(`kind: company-policy\nx: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
    expect(src.limitExceeded).toBe(true);
    expect(src.syntaxErrors).toEqual([
      expect.objectContaining({
        line: 2,
        col: 67,
        message: expect.stringMatching(/nest more than 64 levels/),
      }),
    ]);
  });

  it('refuses a billion-laughs document without expanding it, naming the first alias', () => {
    const lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    for (let i = 1; i < 9; i++) {
      const [me, prev] = [String.fromCharCode(97 + i), String.fromCharCode(96 + i)];
      lines.push(`${me}: &${me} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    const src = parseSource(lines.join('\n'));
    expect(src.limitExceeded).toBe(true);
    expect(src.syntaxErrors).toEqual([
      expect.objectContaining({
        line: 2,
        col: 8,
        message: expect.stringMatching(/aliases .*billion laughs/),
      }),
    ]);
  });

  it('still reads a document with a few aliases', () => {
    expect(parseSource('a: &x [1, 2]\nb: *x\n').data).toEqual({ a: [1, 2], b: [1, 2] });
  });
});
