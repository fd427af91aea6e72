/**
 * Parses YAML (or JSON, which YAML 1.2 reads too) keeping positions, so that schema and
 * semantic errors can be reported as `file:line:col`.
 */
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, visit } from 'yaml';
import { MAX_NESTING, yamlTooDeep } from './nesting.ts';
import type { SchemaIssue } from './validate.ts';
import { parseBlockYaml } from './yaml-block.ts';

/**
 * Bound on what aliases (`*name`) may expand to: yaml's `maxAliasCount` (aliases resolved times the
 * size of what they name). A "billion laughs" document of a few hundred bytes stops here.
 */
export const MAX_ALIAS_COUNT = 100;

export interface SourceDocument {
  /** The parsed value (undefined when the text did not parse). */
  data: unknown;
  /** Syntax errors (malformed YAML, duplicate keys) with their line:col. */
  syntaxErrors: SchemaIssue[];
  /** 1-based line:col of the value at a JSON Pointer, or of its nearest existing parent. */
  locate(pointer: string): { line: number; col: number };
  /**
   * The document was refused before it was read in full: it nests too deep or its aliases expand
   * too far. `syntaxErrors` holds the one issue; nothing else about the text is known.
   */
  limitExceeded?: boolean;
  /** 1-based line:col of the key holding the value at a JSON Pointer, when the fast reader read it. */
  locateKey?(pointer: string): { line: number; col: number };
}

/**
 * @example
 * const src = parseSource('rules:\n  - id: 1\n');
 * src.locate('/rules/0/id'); // { line: 2, col: 5 }
 */
export function parseSource(text: string): SourceDocument {
  // Plain block YAML (what policies are written in) is read by a fast reader; anything else by
  // `yaml`. The fast reader answers only for documents well within MAX_NESTING and without aliases,
  // so what it reads the limits below would pass too; it needs no lexer pass of its own first.
  const fast = parseBlockYaml(text);
  if (fast)
    return {
      data: fast.data,
      syntaxErrors: [],
      locate: (pointer) => fast.position(fast.valueOffset(pointer)),
      locateKey: (pointer) => fast.position(fast.keyOffset(pointer)),
    };
  const deep = yamlTooDeep(text);
  if (deep)
    return refused({
      pointer: '',
      message: `lists and mappings nest more than ${MAX_NESTING} levels deep here; a document may nest at most ${MAX_NESTING} levels`,
      line: deep.line,
      col: deep.col,
    });
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
  if (syntaxErrors.length) return { data: undefined, syntaxErrors, locate };
  try {
    return { data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), syntaxErrors, locate };
  } catch (e) {
    // yaml throws a ReferenceError ("Excessive alias count …") when aliases expand past the bound.
    if (!(e instanceof ReferenceError)) throw e;
    let first: Node | undefined;
    visit(doc, {
      Alias(_key, node) {
        first = node;
        return visit.BREAK;
      },
    });
    const at = first?.range ? pos(first.range[0]) : { line: 1, col: 1 };
    return refused({
      pointer: '',
      message: `aliases (*name) expand to more than ${MAX_ALIAS_COUNT} values, which is refused as a resource-exhaustion attack ("billion laughs"); write the values out instead`,
      ...at,
    });
  }
}

function refused(issue: SchemaIssue): SourceDocument {
  return { data: undefined, syntaxErrors: [issue], limitExceeded: true, locate: () => ({ line: 1, col: 1 }) };
}

/** Adds line:col to schema issues found in a document parsed by `parseSource`. */
export function locateIssues(src: SourceDocument, issues: SchemaIssue[]): SchemaIssue[] {
  return issues.map((i) => ({ ...i, ...src.locate(i.pointer) }));
}

/** `file:line:col: message` — the format every validating command prints. */
export function formatIssue(file: string, i: SchemaIssue): string {
  return `${file}:${i.line ?? 1}:${i.col ?? 1}: ${i.message}${i.pointer ? ` (at ${i.pointer})` : ''}`;
}
