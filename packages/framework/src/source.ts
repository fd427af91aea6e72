/**
 * A parsed YAML/JSON text that can say where things are: the value at a JSON Pointer (for
 * validation errors) and the key that holds it (SARIF points at the `rules:` key itself).
 */
import { parseSource, type SourceDocument } from '@ewto/schemas';
import { CST, isMap, isScalar, isSeq, LineCounter, type Node, Parser, parseDocument } from 'yaml';

export interface Position {
  line: number;
  col: number;
}

export interface PolicySource {
  readonly text: string;
  /** The parsed value and syntax errors, as `@ewto/schemas` parses them. */
  readonly parsed: SourceDocument;
  /** 1-based position of the value at a JSON Pointer (or of its nearest existing parent). */
  locate(pointer: string): Position;
  /** 1-based position of the key holding the value at a JSON Pointer (the value itself for list items). */
  locateKey(pointer: string): Position;
}

/**
 * @example
 * const src = readSource('kind: company-policy\nrules:\n  - id: a\n');
 * src.locateKey('/rules'); // { line: 2, col: 1 }
 */
export function readSource(text: string): PolicySource {
  const parsed = parseSource(text);
  let keys: ((pointer: string) => Position) | undefined;
  return {
    text,
    parsed,
    locate: (pointer) => parsed.locate(pointer),
    locateKey(pointer) {
      keys ??= parsed.locateKey ?? keyLocator(text);
      return keys(pointer);
    },
  };
}

function keyLocator(text: string): (pointer: string) => Position {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false });
  const pos = (offset: number) => lineCounter.linePos(offset);
  return (pointer) => {
    let node: unknown = doc.contents;
    let found: Node | undefined = (doc.contents as Node | null) ?? undefined;
    for (const raw of pointer.split('/').slice(1)) {
      const seg = raw.replaceAll('~1', '/').replaceAll('~0', '~');
      if (isMap(node)) {
        const pair = node.items.find((it) => isScalar(it.key) && String(it.key.value) === seg);
        if (!pair) break;
        found = pair.key as Node;
        node = pair.value;
      } else if (isSeq(node)) {
        const item = node.items[Number(seg)];
        if (!item || typeof item !== 'object' || !('range' in item)) break;
        found = item as Node;
        node = item;
      } else break;
    }
    const range = found?.range;
    return range ? pos(range[0]) : { line: 1, col: 1 };
  };
}

/** The value at a JSON Pointer in plain data, or undefined. */
export function valueAt(data: unknown, pointer: string): unknown {
  let node = data;
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[seg];
  }
  return node;
}

/**
 * The `[` and `{` that are never closed, where they are opened. The YAML parser reports an unclosed
 * flow collection where it gives up (often the next key); the user needs the bracket.
 * @example unclosedBrackets('a: [x\nb: 1\n') // [{ bracket: '[', line: 1, col: 4 }]
 */
export function unclosedBrackets(text: string): ({ bracket: '[' | '{' } & Position)[] {
  const lineCounter = new LineCounter();
  const out: ({ bracket: '[' | '{' } & Position)[] = [];
  const check = (token: unknown) => {
    const t = token as CST.Token | undefined;
    if (t?.type !== 'flow-collection') return;
    const close = t.start.source === '[' ? ']' : '}';
    if (!t.end.some((e) => e.source === close))
      out.push({ bracket: t.start.source === '[' ? '[' : '{', ...lineCounter.linePos(t.start.offset) });
  };
  for (const token of new Parser(lineCounter.addNewLine).parse(text)) {
    if (token.type !== 'document') continue;
    check(token.value);
    CST.visit(token, (item) => {
      check(item.key);
      check(item.value);
    });
  }
  return out.sort((a, b) => a.line - b.line || a.col - b.col);
}
