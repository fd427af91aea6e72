/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): object keys sorted by their UTF-16 code units,
 * no whitespace, numbers in ECMAScript `Number#toString` form, strings with only the escapes JSON
 * requires. The same value always gives the same bytes, so those bytes can be hashed and signed.
 */
import { AuditError } from './errors.ts';

/** A JSON value, as JCS accepts it (I-JSON: finite numbers, well-formed strings). */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The RFC 8785 canonical JSON text of `value`. Object members whose value is `undefined` are left
 * out (as `JSON.stringify` does); anything JSON cannot carry exactly (NaN, Infinity, bigint, a lone
 * surrogate, a Date or other class instance, a cycle) throws `AuditError('invalid-json')` naming
 * the JSON Pointer of the offending value.
 * @example canonicalJson({ b: [1e30, 4.5], a: 'é' }) // '{"a":"é","b":[1e+30,4.5]}'
 */
export function canonicalJson(value: unknown): string {
  return serialise(value, '', new Set());
}

/**
 * The UTF-8 bytes of `canonicalJson(value)`: what gets hashed or signed.
 * @example leafHash(canonicalJsonBytes(entry))
 */
export function canonicalJsonBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalJson(value));
}

function serialise(value: unknown, pointer: string, ancestors: Set<object>): string {
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) fail(pointer, `${value} is not a JSON number`);
      // ECMAScript Number#toString, which RFC 8785 §3.2.2.3 adopts; -0 becomes "0".
      return JSON.stringify(value);
    case 'string':
      if (LONE_SURROGATE.test(value)) fail(pointer, 'a string holds a lone UTF-16 surrogate');
      // JSON.stringify escapes exactly what RFC 8785 §3.2.2.2 asks: ", \, and U+0000..U+001F
      // (as \b \t \n \f \r or lower-case \u00xx); everything else stays as it is.
      return JSON.stringify(value);
    case 'object':
      if (value === null) return 'null';
      return container(value, pointer, ancestors);
    default:
      return fail(pointer, `a ${typeof value} is not a JSON value`);
  }
}

function container(value: object, pointer: string, ancestors: Set<object>): string {
  if (ancestors.has(value)) fail(pointer, 'the value contains itself');
  ancestors.add(value);
  let out: string;
  if (Array.isArray(value)) {
    out = `[${value.map((v, i) => serialise(v, `${pointer}/${i}`, ancestors)).join(',')}]`;
  } else {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      fail(pointer, `a ${value.constructor?.name ?? 'class'} instance is not a plain JSON object`);
    }
    const record = value as Record<string, unknown>;
    const members: string[] = [];
    // Array#sort without a comparator orders strings by UTF-16 code units, as RFC 8785 §3.2.3 asks.
    for (const key of Object.keys(record).sort()) {
      const v = record[key];
      if (v === undefined) continue;
      const at = `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
      members.push(`${serialise(key, at, ancestors)}:${serialise(v, at, ancestors)}`);
    }
    out = `{${members.join(',')}}`;
  }
  ancestors.delete(value);
  return out;
}

function fail(pointer: string, problem: string): never {
  throw new AuditError(
    'invalid-json',
    `cannot canonicalise ${pointer === '' ? 'the value' : pointer}: ${problem}`,
  );
}
