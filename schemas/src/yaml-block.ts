/**
 * A fast reader for the plain block YAML that policies are written in — block mappings and
 * sequences, one-line plain, quoted and flow values, `|` and `>` block scalars, comments — with the
 * position of every key and value. Anything else (anchors, aliases, tags, multi-line plain or quoted
 * scalars, flow collections over several lines, directives, several documents, tabs, duplicate keys,
 * deep nesting, any error) makes it answer `undefined`, and `parseSource` reads the text with the
 * `yaml` package instead: the same data and positions, only slower. It exists because `yaml` parses
 * a 50,000-rule policy at about 2.5 MB/s (issue 9 item 3); `yaml-block.test.ts` checks it against
 * `yaml` on every YAML file of the repository and on generated documents.
 */

export interface Offsets {
  /** Offset of the value of a key, and of the key itself (for a mapping), or of each item (a sequence). */
  readonly keys?: Map<string, [key: number, value: number]>;
  readonly items?: number[];
}

export interface BlockYaml {
  data: unknown;
  /** Offset of the value at a JSON Pointer, or of its nearest existing parent (as `parseSource`). */
  valueOffset(pointer: string): number;
  /** Offset of the key holding the value at a JSON Pointer (the item itself in a sequence). */
  keyOffset(pointer: string): number;
  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; col: number };
}

/**
 * Nesting deeper than this (block and flow levels together) is left to the `yaml` path and its
 * depth check (MAX_NESTING), with a margin: what this reader accepts, that check would pass.
 */
const MAX_DEPTH = MAX_NESTING - 8;
const MAX_FLOW_DEPTH = 4;

import { MAX_NESTING } from './nesting.ts';

class Unsupported extends Error {}
const fail = (): never => {
  throw new Unsupported();
};

/**
 * @example
 * const y = parseBlockYaml('rules:\n  - id: a\n');
 * y?.data; // { rules: [{ id: 'a' }] }
 * y?.position(y.valueOffset('/rules/0/id')); // { line: 2, col: 9 }
 */
export function parseBlockYaml(text: string): BlockYaml | undefined {
  if (/[\t\r\0\ufeff]/.test(text)) return undefined;
  try {
    return new Reader(text).document();
  } catch (e) {
    if (e instanceof Unsupported || e instanceof RangeError) return undefined;
    throw e;
  }
}

const NULLS = new Set(['~', 'null', 'Null', 'NULL']);
const BOOLS = new Map([
  ['true', true],
  ['True', true],
  ['TRUE', true],
  ['false', false],
  ['False', false],
  ['FALSE', false],
]);
/** Numbers of the YAML 1.2 core schema, and the simple forms read here (others go to `yaml`). */
const CORE_NUMBER =
  /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const SIMPLE_NUMBER = /^-?(?:0|[1-9][0-9]{0,14})(?:\.[0-9]{1,15})?$/;
/** A plain scalar may not start with these (flow, anchor, alias, tag, block scalar, directive, reserved). */
const NOT_PLAIN_START = new Set([...',[]{}#&*!|>%@`\'"']);

function resolvePlain(s: string): unknown {
  if (NULLS.has(s)) return null;
  const b = BOOLS.get(s);
  if (b !== undefined) return b;
  if (CORE_NUMBER.test(s)) return SIMPLE_NUMBER.test(s) ? Number(s) : fail();
  return s;
}

class Reader {
  private pos = 0;
  private readonly lineStarts: number[] = [0];
  private readonly offsets = new Map<object, Offsets>();
  private root = 0;

  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  document(): BlockYaml {
    const first = this.nextContent();
    if (first < 0) fail();
    const line = this.text.slice(first, this.lineEnd(first));
    if (line.startsWith('---') || line.startsWith('...') || line.startsWith('%')) fail();
    const indent = first - this.pos;
    if (indent !== 0) fail();
    this.root = first;
    const data = this.block(indent, 0);
    if (this.nextContent() >= 0) fail();
    return {
      data,
      valueOffset: (pointer) => this.valueOffset(data, pointer),
      keyOffset: (pointer) => this.keyOffset(data, pointer),
      position: (offset) => this.position(offset),
    };
  }

  // --- lines -----------------------------------------------------------------------------------

  private lineEnd(at: number): number {
    const e = this.text.indexOf('\n', at);
    return e < 0 ? this.text.length : e;
  }

  private lineIndex(at: number): number {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Offset of the first character of the next line with content (not blank, not a comment), from `pos`; -1 at the end. */
  private nextContent(): number {
    const t = this.text;
    let i = this.pos;
    // `pos` is always at the start of a line (or the end of the text).
    while (i < t.length) {
      let j = i;
      while (t.charCodeAt(j) === 32) j++;
      const c = t.charCodeAt(j);
      if (j >= t.length) return -1;
      if (c === 10) i = j + 1;
      else if (c === 35) i = this.lineEnd(j) + 1;
      else {
        this.pos = i;
        return j;
      }
    }
    this.pos = t.length;
    return -1;
  }

  /** Moves `pos` to the start of the line after the one `at` is on. */
  private skipLine(at: number): void {
    this.pos = Math.min(this.lineEnd(at) + 1, this.text.length);
  }

  // --- block structure -------------------------------------------------------------------------

  /** A block collection whose first line starts at `indent` (the next content line). */
  private block(indent: number, depth: number): unknown {
    if (depth > MAX_DEPTH) fail();
    const at = this.nextContent();
    if (at < 0 || at - this.pos !== indent) fail();
    return this.isDash(at) ? this.sequence(indent, depth) : this.mapping(indent, at, depth);
  }

  private isDash(at: number): boolean {
    const t = this.text;
    return (
      t.charCodeAt(at) === 45 &&
      (at + 1 >= t.length || t.charCodeAt(at + 1) === 32 || t.charCodeAt(at + 1) === 10)
    );
  }

  private sequence(indent: number, depth: number): unknown[] {
    const items: unknown[] = [];
    const offsets: number[] = [];
    this.offsets.set(items, { items: offsets });
    for (;;) {
      const at = this.nextContent();
      if (at < 0) break;
      const col = at - this.pos;
      if (col < indent) break;
      if (col > indent || !this.isDash(at)) fail();
      let v = at + 1;
      while (this.text.charCodeAt(v) === 32) v++;
      const c = this.text.charCodeAt(v);
      if (v >= this.text.length || c === 10) {
        // "-" alone: the item is the block below it.
        this.skipLine(at);
        const next = this.nextContent();
        if (next < 0 || next - this.pos <= indent) fail();
        offsets.push(next);
        items.push(this.block(next - this.pos, depth + 1));
      } else if (c === 35 || this.isDash(v)) fail();
      else if (this.keyEnd(v) >= 0) {
        offsets.push(v);
        items.push(this.mapping(v - this.pos, v, depth + 1));
      } else {
        offsets.push(v);
        items.push(this.inlineValue(v, indent, depth));
      }
    }
    return items;
  }

  /** A block mapping at `indent`, whose first key is at `first` (possibly after "- " on its line). */
  private mapping(indent: number, first: number, depth: number): Record<string, unknown> {
    if (depth > MAX_DEPTH) fail();
    const out: Record<string, unknown> = {};
    const keys = new Map<string, [number, number]>();
    this.offsets.set(out, { keys });
    let at = first;
    for (;;) {
      const colon = this.keyEnd(at);
      if (colon < 0) fail();
      const key = this.key(at, colon);
      if (keys.has(key) || key === '__proto__') fail();
      let v = colon + 1;
      while (this.text.charCodeAt(v) === 32) v++;
      const c = this.text.charCodeAt(v);
      if (v >= this.text.length || c === 10) {
        this.skipLine(at);
        const next = this.nextContent();
        const col = next < 0 ? -1 : next - this.pos;
        if (next >= 0 && col > indent) {
          keys.set(key, [at, next]);
          out[key] = this.block(col, depth + 1);
        } else if (next >= 0 && col === indent && this.isDash(next)) {
          keys.set(key, [at, next]);
          out[key] = this.sequence(indent, depth + 1);
        } else {
          keys.set(key, [at, v]);
          out[key] = null;
        }
      } else if (c === 35) fail();
      else {
        keys.set(key, [at, v]);
        out[key] = this.inlineValue(v, indent, depth);
      }
      const next = this.nextContent();
      if (next < 0) break;
      const col = next - this.pos;
      if (col < indent) break;
      if (col > indent || this.isDash(next)) {
        // A dash at the mapping's own indent ends it only when the mapping is the value of a key.
        if (col === indent && this.isDash(next)) break;
        fail();
      }
      at = next;
    }
    return out;
  }

  /** The offset of the ":" that ends a block key starting at `at` on this line, or -1. */
  private keyEnd(at: number): number {
    const t = this.text;
    const c = t.charCodeAt(at);
    if (c === 34 || c === 39) {
      const close = this.quoteEnd(at);
      return t.charCodeAt(close + 1) === 58 && this.colonEnds(close + 2) ? close + 1 : -1;
    }
    if (NOT_PLAIN_START.has(t[at]!) || c === 45 || c === 63 || c === 58) return -1;
    const end = this.lineEnd(at);
    for (let i = at; i < end; i++) {
      const x = t.charCodeAt(i);
      if (x === 58 && this.colonEnds(i + 1)) return i;
      if (x === 35 && t.charCodeAt(i - 1) === 32) return -1;
    }
    return -1;
  }

  private colonEnds(i: number): boolean {
    const c = this.text.charCodeAt(i);
    return i >= this.text.length || c === 32 || c === 10;
  }

  private key(at: number, colon: number): string {
    const t = this.text;
    const c = t.charCodeAt(at);
    if (c === 34 || c === 39) return this.quoted(at, this.quoteEnd(at));
    const raw = t.slice(at, colon);
    const key = raw.trimEnd();
    if (key !== raw && key.length === 0) fail();
    if (typeof resolvePlain(key) !== 'string' || /[[\]{},]/.test(key)) fail();
    return key;
  }

  /** A value that starts and ends on this line (scalar or flow collection), or a block scalar. */
  private inlineValue(at: number, indent: number, depth: number): unknown {
    const t = this.text;
    const c = t.charCodeAt(at);
    const end = this.lineEnd(at);
    let value: unknown;
    let after: number;
    if (c === 124 || c === 62) return this.blockScalar(at, indent);
    if (c === 91 || c === 123) {
      const r = this.flow(at, end, depth + 1);
      value = r.value;
      after = r.end;
    } else if (c === 34 || c === 39) {
      const close = this.quoteEnd(at);
      value = this.quoted(at, close);
      after = close + 1;
    } else {
      if (NOT_PLAIN_START.has(t[at]!) || ((c === 45 || c === 63 || c === 58) && this.colonEnds(at + 1)))
        fail();
      let stop = end;
      for (let i = at; i < end; i++)
        if (t.charCodeAt(i) === 35 && t.charCodeAt(i - 1) === 32) {
          stop = i;
          break;
        }
      const s = t.slice(at, stop).trimEnd();
      if (/: |:$/.test(s)) fail();
      value = resolvePlain(s);
      after = at + s.length;
    }
    this.endOfLine(after, end);
    this.skipLine(at);
    // A more-indented line after a one-line value would continue it (a multi-line scalar).
    const next = this.nextContent();
    if (next >= 0 && next - this.pos > indent) fail();
    return value;
  }

  /** Only spaces and a comment may follow a value on its line. */
  private endOfLine(from: number, end: number): void {
    const t = this.text;
    let i = from;
    while (i < end && t.charCodeAt(i) === 32) i++;
    if (i < end && !(t.charCodeAt(i) === 35 && i > from)) fail();
  }

  /** The offset of the closing quote of a one-line quoted scalar at `at`. */
  private quoteEnd(at: number): number {
    const t = this.text;
    const q = t.charCodeAt(at);
    const end = this.lineEnd(at);
    for (let i = at + 1; i < end; i++) {
      const c = t.charCodeAt(i);
      if (q === 34 && c === 92) i++;
      else if (c === q) {
        if (q === 39 && t.charCodeAt(i + 1) === 39) i++;
        else return i;
      }
    }
    return fail();
  }

  private quoted(at: number, close: number): string {
    const body = this.text.slice(at + 1, close);
    if (this.text.charCodeAt(at) === 39) return body.replaceAll("''", "'");
    if (!body.includes('\\')) return body;
    return body.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, e: string) => {
      if (e.length === 5) return String.fromCharCode(Number.parseInt(e.slice(1), 16));
      const map: Record<string, string> = {
        '\\': '\\',
        '"': '"',
        '/': '/',
        n: '\n',
        t: '\t',
        r: '\r',
        ' ': ' ',
      };
      return map[e] ?? fail();
    });
  }

  /** `|`, `|-`, `>`, `>-` (no indentation indicator, no `+`). */
  private blockScalar(at: number, indent: number): string {
    const t = this.text;
    const literal = t.charCodeAt(at) === 124;
    const end = this.lineEnd(at);
    let i = at + 1;
    const strip = t.charCodeAt(i) === 45;
    if (strip) i++;
    this.endOfLine(i, end);
    this.skipLine(at);
    const lines: string[] = [];
    let blockIndent = -1;
    for (;;) {
      const start = this.pos;
      if (start >= t.length) break;
      const e = this.lineEnd(start);
      let j = start;
      while (j < e && t.charCodeAt(j) === 32) j++;
      if (j === e) {
        if (blockIndent < 0) fail(); // leading blank lines
        if (j - start > blockIndent) fail(); // blank lines with extra spaces
        lines.push('');
        this.pos = Math.min(e + 1, t.length);
        continue;
      }
      const col = j - start;
      if (blockIndent < 0) {
        if (col <= indent) fail(); // an empty block scalar
        blockIndent = col;
      }
      if (col < blockIndent) break;
      if (col > blockIndent && !literal) fail(); // more-indented lines of a folded scalar
      lines.push(t.slice(start + blockIndent, e));
      this.pos = Math.min(e + 1, t.length);
    }
    if (blockIndent < 0) fail();
    while (lines.length && lines.at(-1) === '') lines.pop();
    // Trailing blank lines belong to the scalar only with "+"; with them gone, `pos` is right.
    let body: string;
    if (literal) body = lines.join('\n');
    else {
      body = '';
      let blanks = 0;
      for (const [k, line] of lines.entries()) {
        if (line === '') {
          blanks++;
          continue;
        }
        if (k > 0) body += blanks ? '\n'.repeat(blanks) : ' ';
        blanks = 0;
        body += line;
      }
    }
    return strip ? body : `${body}\n`;
  }

  // --- flow collections on one line --------------------------------------------------------------

  private flow(at: number, end: number, depth: number): { value: unknown; end: number } {
    if (depth + MAX_FLOW_DEPTH > MAX_DEPTH) fail();
    return this.flowValue(at, end, 0);
  }

  private flowValue(at: number, end: number, flowDepth: number): { value: unknown; end: number } {
    const t = this.text;
    const c = t.charCodeAt(at);
    if (c === 91 || c === 123) {
      if (flowDepth >= MAX_FLOW_DEPTH) fail();
      const isMap = c === 123;
      const close = isMap ? 125 : 93;
      const list: unknown[] = [];
      const map: Record<string, unknown> = {};
      const items: number[] = [];
      const keys = new Map<string, [number, number]>();
      this.offsets.set(isMap ? map : list, isMap ? { keys } : { items });
      let i = this.skipSpaces(at + 1, end);
      if (t.charCodeAt(i) === close) return { value: isMap ? map : list, end: i + 1 };
      for (;;) {
        if (isMap) {
          const k = this.flowScalar(i, end, true);
          if (typeof k.value !== 'string' || keys.has(k.value) || k.value === '__proto__') fail();
          let j = this.skipSpaces(k.end, end);
          if (t.charCodeAt(j) !== 58 || t.charCodeAt(j + 1) !== 32) fail();
          j = this.skipSpaces(j + 1, end);
          const v = this.flowValue(j, end, flowDepth + 1);
          keys.set(k.value as string, [i, j]);
          map[k.value as string] = v.value;
          i = this.skipSpaces(v.end, end);
        } else {
          const v = this.flowValue(i, end, flowDepth + 1);
          items.push(i);
          list.push(v.value);
          i = this.skipSpaces(v.end, end);
        }
        const x = t.charCodeAt(i);
        if (x === close) return { value: isMap ? map : list, end: i + 1 };
        if (x !== 44) fail();
        i = this.skipSpaces(i + 1, end);
        if (t.charCodeAt(i) === close || t.charCodeAt(i) === 44) fail(); // trailing or empty entries
      }
    }
    return this.flowScalar(at, end, false);
  }

  private skipSpaces(i: number, end: number): number {
    while (i < end && this.text.charCodeAt(i) === 32) i++;
    return i;
  }

  private flowScalar(at: number, end: number, asKey: boolean): { value: unknown; end: number } {
    const t = this.text;
    const c = t.charCodeAt(at);
    if (at >= end) fail();
    if (c === 34 || c === 39) {
      const close = this.quoteEnd(at);
      return { value: this.quoted(at, close), end: close + 1 };
    }
    if (NOT_PLAIN_START.has(t[at]!) || ((c === 45 || c === 63 || c === 58) && this.colonEnds(at + 1))) fail();
    let i = at;
    for (; i < end; i++) {
      const x = t.charCodeAt(i);
      if (x === 44 || x === 91 || x === 93 || x === 123 || x === 125) break;
      if (x === 58) {
        const y = t.charCodeAt(i + 1);
        if (asKey && y === 32) break;
        // "https://…" is one scalar; ": " or ":" before a flow indicator is not for this reader.
        if (asKey || i + 1 >= end || y === 32 || y === 44 || y === 91 || y === 93 || y === 123 || y === 125)
          fail();
      }
      if (x === 35 && t.charCodeAt(i - 1) === 32) fail();
    }
    const s = t.slice(at, i).trimEnd();
    if (!s) fail();
    const value = resolvePlain(s);
    if (asKey && typeof value !== 'string') fail();
    return { value, end: at + s.length };
  }

  // --- positions -------------------------------------------------------------------------------

  private position(offset: number): { line: number; col: number } {
    const i = this.lineIndex(offset);
    return { line: i + 1, col: offset - this.lineStarts[i]! + 1 };
  }

  private valueOffset(data: unknown, pointer: string): number {
    let node = data;
    let last = this.root;
    for (const raw of pointer.split('/').slice(1)) {
      const seg = raw.replaceAll('~1', '/').replaceAll('~0', '~');
      const o = node !== null && typeof node === 'object' ? this.offsets.get(node) : undefined;
      if (o?.keys) {
        const entry = o.keys.get(seg);
        if (!entry) break;
        node = (node as Record<string, unknown>)[seg];
        last = entry[1];
      } else if (o?.items) {
        const k = Number(seg);
        const at = o.items[k];
        if (at === undefined) {
          node = undefined;
          continue;
        }
        node = (node as unknown[])[k];
        last = at;
      } else break;
    }
    return last;
  }

  private keyOffset(data: unknown, pointer: string): number {
    let node = data;
    let found = this.root;
    for (const raw of pointer.split('/').slice(1)) {
      const seg = raw.replaceAll('~1', '/').replaceAll('~0', '~');
      const o = node !== null && typeof node === 'object' ? this.offsets.get(node) : undefined;
      if (o?.keys) {
        const entry = o.keys.get(seg);
        if (!entry) break;
        found = entry[0];
        node = (node as Record<string, unknown>)[seg];
      } else if (o?.items) {
        const k = Number(seg);
        const at = o.items[k];
        if (at === undefined) break;
        found = at;
        node = (node as unknown[])[k];
      } else break;
    }
    return found;
  }
}
