/**
 * Parses YAML (or JSON, which YAML 1.2 reads too) keeping positions, so that schema and
 * semantic errors can be reported as `file:line:col`.
 */
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { SchemaIssue } from './validate.ts';

export interface SourceDocument {
  /** The parsed value (undefined when the text did not parse). */
  data: unknown;
  /** Syntax errors (malformed YAML, duplicate keys) with their line:col. */
  syntaxErrors: SchemaIssue[];
  /** 1-based line:col of the value at a JSON Pointer, or of its nearest existing parent. */
  locate(pointer: string): { line: number; col: number };
}

/**
 * @example
 * const src = parseSource('rules:\n  - id: 1\n');
 * src.locate('/rules/0/id'); // { line: 2, col: 5 }
 */
export function parseSource(text: string): SourceDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const pos = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, col };
  };
  const syntaxErrors: SchemaIssue[] = doc.errors.map((e) => ({
    pointer: '',
    message: e.message.split('\n')[0] ?? e.message,
    ...pos(e.pos[0]),
  }));
  const locate = (pointer: string) => {
    let node: unknown = doc.contents;
    let last: Node | undefined = (doc.contents as Node | null) ?? undefined;
    let keyNode: Node | undefined;
    for (const raw of pointer.split('/').slice(1)) {
      const seg = raw.replaceAll('~1', '/').replaceAll('~0', '~');
      keyNode = undefined;
      if (isMap(node)) {
        const pair = node.items.find((it) => isScalar(it.key) && String(it.key.value) === seg);
        if (!pair) break;
        keyNode = pair.key as Node;
        node = pair.value;
      } else if (isSeq(node)) {
        node = node.items[Number(seg)];
      } else break;
      if (node && typeof node === 'object' && 'range' in node) last = node as Node;
      else if (keyNode) last = keyNode;
    }
    const range = last?.range;
    return range ? pos(range[0]) : { line: 1, col: 1 };
  };
  return { data: syntaxErrors.length ? undefined : doc.toJS({ maxAliasCount: 100 }), syntaxErrors, locate };
}

/** Adds line:col to schema issues found in a document parsed by `parseSource`. */
export function locateIssues(src: SourceDocument, issues: SchemaIssue[]): SchemaIssue[] {
  return issues.map((i) => ({ ...i, ...src.locate(i.pointer) }));
}

/** `file:line:col: message` — the format every validating command prints. */
export function formatIssue(file: string, i: SchemaIssue): string {
  return `${file}:${i.line ?? 1}:${i.col ?? 1}: ${i.message}${i.pointer ? ` (at ${i.pointer})` : ''}`;
}
