import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalJsonBytes } from './canonical-json.ts';
import { AuditError } from './errors.ts';

/** The double whose IEEE 754 bits are the given 16 hex digits (RFC 8785 Appendix B lists them so). */
const ieee = (bits: string) => {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${bits}`));
  return view.getFloat64(0);
};

describe('canonicalJson (RFC 8785)', () => {
  it('reproduces the example of RFC 8785 §3.2.2', () => {
    const input = String.raw`{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    }`;
    expect(canonicalJson(JSON.parse(input))).toBe(
      String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`,
    );
  });

  it('sorts keys by UTF-16 code units, as in RFC 8785 §3.2.3', () => {
    const input = String.raw`{
      "\u20ac": "Euro Sign", "\r": "Carriage Return", "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One", "\ud83d\ude00": "Emoji: Grinning Face", "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis"
    }`;
    const out = canonicalJson(JSON.parse(input));
    // (Compared as text: a parsed object would put the integer-like key "1" first again.)
    expect(out).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
    // The emoji (a surrogate pair, U+D83D…) sorts before U+FB33 although its code point is higher.
    expect(out.indexOf('😀')).toBeLessThan(out.indexOf('\ufb33'));
  });

  it('formats numbers as ECMAScript does (RFC 8785 Appendix B)', () => {
    const table: [string, string][] = [
      ['0000000000000000', '0'],
      ['8000000000000000', '0'],
      ['0000000000000001', '5e-324'],
      ['8000000000000001', '-5e-324'],
      ['7fefffffffffffff', '1.7976931348623157e+308'],
      ['ffefffffffffffff', '-1.7976931348623157e+308'],
      ['4340000000000000', '9007199254740992'],
      ['c340000000000000', '-9007199254740992'],
      ['4430000000000000', '295147905179352830000'],
      ['44b52d02c7e14af5', '9.999999999999997e+22'],
      ['44b52d02c7e14af6', '1e+23'],
      ['44b52d02c7e14af7', '1.0000000000000001e+23'],
      ['444b1ae4d6e2ef4e', '999999999999999700000'],
      ['444b1ae4d6e2ef4f', '999999999999999900000'],
      ['444b1ae4d6e2ef50', '1e+21'],
      ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
      ['3eb0c6f7a0b5ed8d', '0.000001'],
      ['41b3de4355555553', '333333333.3333332'],
      ['41b3de4355555554', '333333333.33333325'],
      ['41b3de4355555555', '333333333.3333333'],
      ['41b3de4355555556', '333333333.3333334'],
      ['41b3de4355555557', '333333333.33333343'],
      ['becbf647612f3696', '-0.0000033333333333333333'],
      ['43143ff3c1cb0959', '1424953923781206.2'],
    ];
    for (const [bits, text] of table) expect(canonicalJson(ieee(bits)), bits).toBe(text);
    expect(() => canonicalJson(ieee('7fffffffffffffff'))).toThrow(AuditError);
    expect(() => canonicalJson(ieee('7ff0000000000000'))).toThrow(/Infinity is not a JSON number/);
  });

  it('handles nested objects and arrays, unicode and escapes, without whitespace', () => {
    const value = {
      z: { y: [{ b: 2, a: 1 }, [], {}], x: 'tab\there' },
      ключ: 'значение',
      a: ['\u0000\u001f\u007f', '\u2028', 'é', '𝄞', '/'],
    };
    expect(canonicalJson(value)).toBe(
      '{"a":["\\u0000\\u001f\u007f","\u2028","é","𝄞","/"],"z":{"x":"tab\\there","y":[{"a":1,"b":2},[],{}]},"ключ":"значение"}',
    );
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
  });

  it('is idempotent and independent of key insertion order', () => {
    const a = { b: { d: 1, c: [true, null] }, a: -0 };
    const b = { a: 0, b: { c: [true, null], d: 1 } };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(JSON.parse(canonicalJson(a)))).toBe(canonicalJson(a));
  });

  it('leaves out undefined members and encodes UTF-8', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect([...canonicalJsonBytes('é')]).toEqual([0x22, 0xc3, 0xa9, 0x22]);
  });

  it('refuses what JSON cannot carry, naming where', () => {
    expect(() => canonicalJson({ a: [1, '\ud800'] })).toThrow(
      /\/a\/1: a string holds a lone UTF-16 surrogate/,
    );
    expect(() => canonicalJson({ 'x/y': { t: new Date(0) } })).toThrow(/\/x~1y\/t: a Date instance/);
    expect(() => canonicalJson({ n: 1n })).toThrow(/\/n: a bigint/);
    expect(() => canonicalJson([undefined])).toThrow(/\/0: a undefined/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/contains itself/);
    // A value seen twice (not a cycle) is fine.
    const shared = { k: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"k":1},"b":{"k":1}}');
  });
});
