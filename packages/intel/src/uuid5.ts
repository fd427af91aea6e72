/** RFC 9562 UUIDv5 (SHA-1, name-based): the same name in the same namespace always gives the same id. */
const encoder = new TextEncoder();

function parse(uuid: string): Uint8Array {
  const hex = uuid.replaceAll('-', '');
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/**
 * @example await uuidv5('00abedb4-aa42-466c-9c01-fed23315a9b7', '{"value":"https://example.org/"}')
 */
export async function uuidv5(namespace: string, name: string): Promise<string> {
  const ns = parse(namespace);
  const n = encoder.encode(name);
  const data = new Uint8Array(ns.length + n.length);
  data.set(ns);
  data.set(n, ns.length);
  const b = new Uint8Array(await crypto.subtle.digest('SHA-1', data)).slice(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x50;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** JSON with object keys sorted (RFC 8785 for the strings and integers used here). */
export function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${sortedJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}
