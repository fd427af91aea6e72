/**
 * What a policy prohibits beyond the edition, near a provision. A provision is `exceeds` when the
 * rules covering it prohibit something no provision of the edition asks for, either for the
 * provision's species groups (more products, appendices or listing types; the whole group where
 * the edition names only some taxa) or for its product types (more species groups) — or leave open
 * fewer exceptions than it allows. A rule that also reaches into other provisions' scopes (one rule
 * for live birds and live reptiles) does not by that make a provision `exceeds`.
 */
import type { CompiledPolicy, CompiledRule } from './policy-index.ts';
import { compileScope, type Rect } from './scope.ts';
import type { FrameworkEdition } from './types.ts';
import { APPENDICES, bits, GROUPS, LISTINGS, PRODUCTS } from './vocabulary.ts';

const NA = APPENDICES.values.length;
const NP = PRODUCTS.values.length;
const NL = LISTINGS.values.length;
const cell = (g: number, a: number, p: number, l: number) => ((g * NA + a) * NP + p) * NL + l;
/** Number of cells (group × appendix × product × listing type). */
export const SIZE = GROUPS.values.length * NA * NP * NL;
/** A cell index back to its [group, appendix, product, listing] bit indices. */
export const cellBits = (c: number): number[] => [
  Math.floor(c / (NA * NP * NL)),
  Math.floor(c / (NP * NL)) % NA,
  Math.floor(c / NL) % NP,
  c % NL,
];

export interface RuleBeyond {
  /** Per species-group bit: appendices, products and listing types of cells no provision asks for. */
  byGroup: { a: number; p: number; l: number }[];
  /** Per product bit: species groups of cells no provision asks for. */
  byProduct: number[];
  /** Groups the rule prohibits whole where provisions ask only for named taxa. */
  whole: number;
  any: boolean;
  /** The cells no provision asks for (cell indices, see `cellBits`). */
  cells: Int32Array;
}

export interface BeyondIndex {
  ofRule(rule: CompiledRule): RuleBeyond;
}

/** Indexes what an edition asks (active and deprecated provisions, hosted listing types only). */
export function beyondIndex(
  edition: FrameworkEdition,
  cp: CompiledPolicy,
  listings: readonly number[],
): BeyondIndex {
  const askedAny = new Uint8Array(SIZE);
  const askedWhole = new Uint8Array(SIZE);
  /** Asked for some appendix: a rule that names species says nothing about appendices. */
  const askedSomeAppendix = new Uint8Array(SIZE / NA);
  for (const p of edition.provisions) {
    if (p.status === 'withdrawn' || !p.scope) continue;
    const s = compileScope(p.scope);
    forCells({ ...s, l: s.l & cp.hosted }, listings, (c, g, _a, p, l) => {
      askedAny[c] = 1;
      askedSomeAppendix[(g * NP + p) * NL + l] = 1;
      if (!s.taxa) askedWhole[c] = 1;
    });
  }
  // By what ofRule reads of a rule: rules with the same rectangle (and taxa or not) share one answer.
  const cache = new Map<string, RuleBeyond>();
  const byRule = new Map<CompiledRule, RuleBeyond>();
  return {
    ofRule(rule) {
      let b = byRule.get(rule);
      if (b) return b;
      const key = `${rule.g},${rule.a},${rule.p},${rule.l},${rule.taxa ? 1 : 0}`;
      b = cache.get(key);
      if (b) {
        byRule.set(rule, b);
        return b;
      }
      const byGroup = GROUPS.values.map(() => ({ a: 0, p: 0, l: 0 }));
      const byProduct = PRODUCTS.values.map(() => 0);
      let whole = 0;
      let any = false;
      const cells: number[] = [];
      forCells({ ...rule, l: rule.l & cp.hosted }, listings, (c, g, a, p, l) => {
        if (!askedAny[c] && !(rule.taxa && askedSomeAppendix[(g * NP + p) * NL + l])) {
          cells.push(c);
          const x = byGroup[g]!;
          if (!rule.taxa) x.a |= 1 << a;
          x.p |= 1 << p;
          x.l |= 1 << l;
          byProduct[p]! |= 1 << g;
          any = true;
        } else if (askedAny[c] && !rule.taxa && !askedWhole[c]) whole |= 1 << g;
      });
      b = { byGroup, byProduct, whole, any: any || whole !== 0, cells: Int32Array.from(cells) };
      cache.set(key, b);
      byRule.set(rule, b);
      return b;
    },
  };
}

function forCells(
  r: Rect,
  listings: readonly number[],
  fn: (c: number, g: number, a: number, p: number, l: number) => void,
): void {
  const pl = bits(r.p);
  const ll = bits(r.l);
  for (const g of bits(r.g))
    for (const a of bits(r.a & listings[g]!))
      for (const p of pl) for (const l of ll) fn(cell(g, a, p, l), g, a, p, l);
}
