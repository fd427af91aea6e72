/**
 * Scopes as sets. A scope is a rectangle in four dimensions — species group × CITES appendix ×
 * product type × listing type — each side a bitmask (a left-out list is every value), plus the
 * exceptions left open and, optionally, named taxa. Policies and provisions are compared cell by
 * cell inside the provision's rectangle; leftover cells are compressed back into rectangles.
 */

import { normalTaxon } from './taxa.ts';
import type { Scope } from './types.ts';
import { APPENDICES, bits, EXCEPTION_SET, GROUPS, LISTINGS, PRODUCTS } from './vocabulary.ts';

export interface Rect {
  g: number;
  a: number;
  p: number;
  l: number;
}

export interface CompiledScope extends Rect {
  /** Exceptions left open (a mask over EXCEPTIONS). */
  exceptions: number;
  /** Named taxa, normalised (`normalTaxon`), when the scope is narrowed to them. */
  taxa: Set<string> | undefined;
  taxaList: string[] | undefined;
}

/** Every compiled scope has the same fields in the same order (one object shape keeps the diff fast). */
export function compileScope(scope: Scope | undefined): CompiledScope {
  const taxaList = scope?.cites?.taxa;
  return {
    g: GROUPS.mask(scope?.speciesGroups),
    a: APPENDICES.mask(scope?.cites?.appendices),
    p: PRODUCTS.mask(scope?.productTypes),
    l: LISTINGS.mask(scope?.listingTypes),
    exceptions: EXCEPTION_SET.mask(scope?.exceptions ?? []),
    taxa: taxaList ? new Set(taxaList.map(normalTaxon)) : undefined,
    taxaList: taxaList ? [...taxaList] : undefined,
  };
}

/**
 * Compresses a set of cells (tuples of bit indices: group, appendix, product, listing) into
 * rectangles: cells that differ only in one dimension merge, recursively, so a full block is one
 * rectangle. Deterministic: ordered by the lowest group, then appendix, product and listing.
 * @example compress([[0,0,2,1],[0,0,3,1]]) // [{ g: 0b1, a: 0b1, p: 0b1100, l: 0b10 }]
 */
export function compress(cells: readonly (readonly number[])[]): Rect[] {
  return factor(cells, 0).map(([g = 0, a = 0, p = 0, l = 0]) => ({ g, a, p, l }));
}

function factor(cells: readonly (readonly number[])[], depth: number): number[][] {
  if (depth === 4) return [[]];
  const byValue = new Map<number, (readonly number[])[]>();
  for (const c of cells) {
    const v = c[depth]!;
    const list = byValue.get(v);
    if (list) list.push(c);
    else byValue.set(v, [c]);
  }
  const merged = new Map<string, { mask: number; rest: number[][] }>();
  for (const v of [...byValue.keys()].sort((x, y) => x - y)) {
    const rest = factor(byValue.get(v)!, depth + 1);
    const key = JSON.stringify(rest);
    const entry = merged.get(key);
    if (entry) entry.mask |= 1 << v;
    else merged.set(key, { mask: 1 << v, rest });
  }
  const out: number[][] = [];
  for (const { mask, rest } of merged.values()) for (const r of rest) out.push([mask, ...r]);
  return out;
}

export const appendixName = (a: string) => (a === 'not-listed' ? 'not CITES-listed' : `CITES ${a}`);

/** The words for one rectangle of a provision's scope, e.g. `rhino: horn, trophies; listing types: sale, auction`. */
export function describeRect(
  r: Rect,
  within: Rect,
  { taxa, exceptTaxa }: { taxa?: readonly string[]; exceptTaxa?: readonly string[] } = {},
): string {
  const groups =
    GROUPS.list(r.g).join(', ') +
    (taxa ? ` [${taxa.join(', ')}]` : '') +
    (exceptTaxa ? ` other than ${exceptTaxa.join(', ')}` : '');
  const app = r.a === within.a ? '' : ` (${APPENDICES.list(r.a).map(appendixName).join(', ')})`;
  const products = r.p === PRODUCTS.all ? 'all products' : PRODUCTS.list(r.p).join(', ');
  const listings =
    r.l === LISTINGS.all ? 'all listing types' : `listing types: ${LISTINGS.list(r.l).join(', ')}`;
  return `${groups}${app}: ${products}; ${listings}`;
}

export { bits };
