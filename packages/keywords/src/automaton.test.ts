import { describe, expect, it } from 'vitest';
import { buildAutomaton, scan } from './automaton.ts';
import { prng } from './testing/prng.ts';

function occurrences(patterns: string[], text: string): string[] {
  const a = buildAutomaton(patterns);
  const chars = Uint16Array.from(text, (c) => c.charCodeAt(0));
  const out = { hits: new Int32Array(4) };
  const count = scan(a, chars, chars.length, out);
  const found: string[] = [];
  for (let k = 0; k < count; k += 2) found.push(`${out.hits[k]}@${out.hits[k + 1]}`);
  return found.sort();
}

/** Every (pattern, end) by brute force. */
function naive(patterns: string[], text: string): string[] {
  const found: string[] = [];
  patterns.forEach((p, id) => {
    for (let i = text.indexOf(p); i >= 0; i = text.indexOf(p, i + 1)) found.push(`${id}@${i + p.length}`);
  });
  return found.sort();
}

describe('Aho-Corasick automaton', () => {
  it('finds every occurrence of every pattern, overlapping ones included', () => {
    expect(occurrences(['he', 'she', 'his', 'hers'], 'ushers')).toEqual(['0@4', '1@4', '3@6']);
  });

  it('agrees with a brute-force search on random patterns and texts (dense and sparse classes)', () => {
    const rnd = prng(1);
    // 26 letters without l, and 40 CJK letters: more classes than the dense table holds.
    const alphabet = [
      ...'abcdefghijkmnopqrstuvwxyz',
      ...'象牙犀牛角穿山甲片熊胆虎骨皮爪酒玳瑁海龟蛋猴子鹦鹉蟒蛇鳞粉杯掌豹狮鹤顶红星龟射纹',
    ];
    for (let round = 0; round < 200; round++) {
      const letters = alphabet.slice(0, 2 + Math.floor(rnd() * alphabet.length));
      const word = (max: number) =>
        Array.from(
          { length: 1 + Math.floor(rnd() * max) },
          () => letters[Math.floor(rnd() * letters.length)],
        ).join('');
      const patterns = [...new Set(Array.from({ length: 1 + Math.floor(rnd() * 30) }, () => word(6)))];
      const text = word(300);
      expect(occurrences(patterns, text), `round ${round}`).toEqual(naive(patterns, text));
    }
  });

  it('treats i and l as one letter (a leet "1" reads as either)', () => {
    expect(occurrences(['pangolin'], 'pangoiin pangolin')).toEqual(['0@17', '0@8']);
  });
});
