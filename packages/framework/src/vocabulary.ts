/**
 * The framework's shared lists, read from `schemas/framework.schema.json` (defined there once) and
 * indexed for the set arithmetic of the diff: every list is small, so a set of values is a bitmask.
 */

import { SPECIES_GROUPS, type SpeciesGroup } from '@ewto/schemas';
import report from '@ewto/schemas/alignment-report.schema.json' with { type: 'json' };
import framework from '@ewto/schemas/framework.schema.json' with { type: 'json' };
import type { Verdict } from '@ewto/schemas/generated/alignment-report';
import type {
  CitesAppendix,
  ExceptionType,
  ListingType,
  Measure,
  ProductType,
  ProvisionCategory,
  ProvisionLevel,
} from '@ewto/schemas/generated/framework';

const defs = framework.$defs;
export const PRODUCT_TYPES = defs.productType.enum as readonly ProductType[];
export const LISTING_TYPES = defs.listingType.enum as readonly ListingType[];
export const MEASURES = defs.measure.enum as readonly Measure[];
export const EXCEPTIONS = defs.exception.enum as readonly ExceptionType[];
export const CITES_APPENDICES = defs.citesAppendix.enum as readonly CitesAppendix[];
export const CATEGORIES = defs.category.enum as readonly ProvisionCategory[];
export const LEVELS = defs.provisionLevel.enum as readonly ProvisionLevel[];
export const VERDICTS = report.$defs.verdict.enum as readonly Verdict[];
export { SPECIES_GROUPS };

/** A value list with bitmask helpers: `mask(['a','c'])`, `values(mask)`; `undefined` means every value. */
export interface Dimension<T extends string> {
  readonly values: readonly T[];
  readonly all: number;
  mask(list: readonly T[] | undefined): number;
  list(mask: number): T[];
  bit(value: T): number;
}

function dimension<T extends string>(values: readonly T[]): Dimension<T> {
  const index = new Map(values.map((v, i) => [v, i] as const));
  const all = (1 << values.length) - 1;
  return {
    values,
    all,
    bit: (v) => 1 << (index.get(v) ?? 31),
    mask(list) {
      if (list === undefined) return all;
      let m = 0;
      for (const v of list) m |= 1 << (index.get(v) ?? 31);
      return m & all;
    },
    list(mask) {
      const out: T[] = [];
      for (let i = 0; i < values.length; i++) if (mask & (1 << i)) out.push(values[i]!);
      return out;
    },
  };
}

export const GROUPS: Dimension<SpeciesGroup> = dimension(SPECIES_GROUPS);
export const APPENDICES: Dimension<CitesAppendix> = dimension(CITES_APPENDICES);
export const PRODUCTS: Dimension<ProductType> = dimension(PRODUCT_TYPES);
export const LISTINGS: Dimension<ListingType> = dimension(LISTING_TYPES);
export const EXCEPTION_SET: Dimension<ExceptionType> = dimension(EXCEPTIONS);
export const MEASURE_SET: Dimension<Measure> = dimension(MEASURES);

const BITS: (readonly number[] | undefined)[] = [];

/**
 * Indices of the set bits of a mask, lowest first. Cached per mask (every list here has at most
 * 14 values), so the diff's inner loops allocate nothing. Do not mutate the result.
 */
export function bits(mask: number): readonly number[] {
  const out = BITS[mask];
  if (out) return out;
  const list: number[] = [];
  for (let i = 0; mask >> i; i++) if (mask & (1 << i)) list.push(i);
  if (mask < 1 << 16) BITS[mask] = list;
  return list;
}
