/**
 * How deep lists and mappings nest, found before anything recursive (the YAML composer, toJS,
 * validation) sees the document: a text of a few thousand `[` would otherwise overflow the stack and
 * hold the event loop for seconds. Both scans are linear and stop at the first level too deep.
 */
import { CST, Lexer } from 'yaml';

/** Deepest nesting of lists and mappings a document may have (company policies use about six). */
export const MAX_NESTING = 64;

export interface TooDeep {
  /** UTF-16 offset, 1-based line and column of the bracket or indicator that opens level `max + 1`. */
  offset: number;
  line: number;
  col: number;
  max: number;
}

/** Line and column (1-based) of a UTF-16 offset. */
export function positionOf(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, col: offset - start + 1 };
}

/**
 * The first place where JSON text nests deeper than `max`, or undefined. Strings are skipped;
 * the text need not be valid JSON (the parser reports that).
 * @example jsonTooDeep('[[[1]]]', 2) // { offset: 2, line: 1, col: 3, max: 2 }
 */
export function jsonTooDeep(text: string, max = MAX_NESTING): TooDeep | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // a string: skip to its closing quote
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return { offset: i, ...positionOf(text, i), max };
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return undefined;
}

interface Open {
  col: number;
  kind: 'seq' | 'map';
}

/**
 * The first place where a YAML (or JSON) text nests deeper than `max`, or undefined. Reads the
 * lexer's tokens (iterative, unlike the composer): flow brackets count exactly; block collections
 * are tracked by the column they start at, as YAML's indentation rules nest them.
 * @example yamlTooDeep('a:\n  - - [x]\n', 3) // { line: 2, col: 7, … }
 */
export function yamlTooDeep(text: string, max = MAX_NESTING): TooDeep | undefined {
  const blocks: Open[] = [];
  let flow = 0;
  let offset = 0;
  let col = 0;
  let lineStart = true;
  /** Column where the node after the last block indicator (or the line's indentation) starts. */
  let nodeCol = 0;
  let afterIndicator = false;
  let scalarNext = false;
  let blockScalar = false;
  const tooDeep = (at: number): TooDeep | undefined =>
    blocks.length + flow > max ? { offset: at, ...positionOf(text, at), max } : undefined;
  const advance = (source: string) => {
    offset += source.length;
    const nl = source.lastIndexOf('\n');
    col = nl === -1 ? col + source.length : source.length - nl - 1;
  };
  for (const source of new Lexer().lex(text)) {
    const type = CST.tokenType(source);
    // Control tokens carry no text.
    if (type === 'doc-mode' || type === 'flow-error-end') continue;
    if (type === 'scalar' && source === '\x1f') {
      scalarNext = true;
      continue;
    }
    const at = offset;
    const startCol = col;
    advance(source);
    if (scalarNext) {
      // A scalar's text (a block scalar's body may start with spaces and span lines).
      scalarNext = false;
      if (blockScalar) {
        blockScalar = false;
        lineStart = source.endsWith('\n');
        continue;
      }
    } else if (type === 'newline') {
      lineStart = true;
      continue;
    } else if (type === 'space' || type === 'comment') continue;
    else if (type === 'doc-start' || type === 'doc-end') {
      blocks.length = 0;
      flow = 0;
      continue;
    }
    if (lineStart && flow === 0) {
      // The first thing on a line closes the block collections that started to its right, and a
      // list at its column unless it continues that list.
      lineStart = false;
      while (blocks.length && blocks.at(-1)!.col > startCol) blocks.pop();
      const top = blocks.at(-1);
      if (top?.col === startCol && top.kind === 'seq' && type !== 'seq-item-ind') blocks.pop();
      nodeCol = startCol;
    } else if (afterIndicator) nodeCol = startCol;
    lineStart = false;
    afterIndicator = false;
    switch (type) {
      case 'flow-map-start':
      case 'flow-seq-start':
        flow++;
        if (tooDeep(at)) return tooDeep(at);
        break;
      case 'flow-map-end':
      case 'flow-seq-end':
        if (flow > 0) flow--;
        break;
      case 'block-scalar-header':
        blockScalar = true;
        break;
      case 'seq-item-ind':
      case 'explicit-key-ind':
      case 'map-value-ind': {
        if (flow > 0) break;
        const kind = type === 'seq-item-ind' ? 'seq' : 'map';
        const start = type === 'map-value-ind' ? nodeCol : startCol;
        const top = blocks.at(-1);
        if (!(top && top.col === start && top.kind === kind)) {
          blocks.push({ col: start, kind });
          if (tooDeep(at)) return tooDeep(at);
        }
        afterIndicator = true;
        break;
      }
    }
  }
  return undefined;
}
