/**
 * Taxa without a taxonomy. The tool compares scientific names exactly (case-insensitive) and reads
 * a two- or three-word name (`Panthera tigris`, `Panthera tigris altaica`) as a species or
 * subspecies; anything else (`Ursidae`, `Panthera`, `Manis spp.`) is a higher taxon, whose
 * members it cannot know.
 */
import type { CompiledScope } from './scope.ts';

const SPECIES = /^[A-Z][a-z-]+ [a-z-]+( [a-z-]+)?$/;
export const isSpeciesName = (name: string): boolean => SPECIES.test(name.trim());

export type TaxaMatch =
  /** The rule prohibits every taxon the provision is about. */
  | { kind: 'full' }
  /** The rule names species: it prohibits these (of the provision's taxa, or of its whole groups). */
  | { kind: 'species'; names: string[] }
  /** The rule names a higher taxon that is not one of the provision's: cannot be compared. */
  | { kind: 'unknown' }
  /** The rule names species, none of them the provision's. */
  | { kind: 'none' };

/**
 * @example
 * matchTaxa(rule(['Panthera tigris']), provision(['Panthera tigris', 'Panthera pardus']))
 * // { kind: 'species', names: ['Panthera tigris'] }
 */
const FULL: TaxaMatch = { kind: 'full' };

export function matchTaxa(rule: CompiledScope, provision: CompiledScope): TaxaMatch {
  if (!rule.taxa) return FULL;
  if (provision.taxa && [...provision.taxa].every((t) => rule.taxa!.has(t))) return FULL;
  if (!(rule.taxaList ?? []).every(isSpeciesName)) return { kind: 'unknown' };
  if (provision.taxaList) {
    const names = provision.taxaList.filter((t) => rule.taxa!.has(t.trim().toLowerCase()));
    return names.length ? { kind: 'species', names } : { kind: 'none' };
  }
  return { kind: 'species', names: [...(rule.taxaList ?? [])] };
}
