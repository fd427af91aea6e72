import { describe, expect, it } from 'vitest';
import { decodeUtf8, firstInvalidByte } from './utf8.ts';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('decodeUtf8', () => {
  it('decodes valid UTF-8 exactly, a byte-order mark included', () => {
    const text = '\uFEFFkind: company-policy # 象牙 🐘\n';
    expect(decodeUtf8(new TextEncoder().encode(text))).toEqual({ ok: true, text });
  });

  it.each([
    ['a lone continuation byte', [0x61, 0x80], 1],
    ['an invalid lead byte', [0x61, 0x62, 0xff], 2],
    ['an overlong encoding', [0xc0, 0xaf], 0],
    ['a surrogate', [0x61, 0xed, 0xa0, 0x80], 1],
    ['a truncated sequence at the end', [0x61, 0x62, 0x63, 0xe8, 0xb1], 3],
    ['beyond U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
  ])('names the byte offset of %s', (_name, b, offset) => {
    const r = decodeUtf8(bytes(...b));
    expect(r).toMatchObject({ ok: false, offset });
    expect(!r.ok && r.message).toContain(`byte offset ${offset}`);
  });

  it('agrees with the platform decoder on which inputs are valid', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    let seed = 7;
    for (let n = 0; n < 2000; n++) {
      const b = new Uint8Array(6).map(() => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        return seed & 0xff;
      });
      let valid = true;
      try {
        strict.decode(b);
      } catch {
        valid = false;
      }
      expect(firstInvalidByte(b) === b.length).toBe(valid);
    }
  });
});
