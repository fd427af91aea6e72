/**
 * Taxa without a taxonomy. The tool compares scientific names word by word, ignoring case and
 * extra spaces, and reads a two-word name (`Panthera tigris`) as a species and a three-word name
 * (`Panthera tigris altaica`) as a subspecies of the species its first two words name. Anything else
 * (`Ursidae`, `Panthera`, `Manis spp.`, `Panthera sp`) is a higher taxon, whose members it cannot
 * know. It cannot tell which species group a species belongs to either: that is what a scope's
 * `speciesGroups` says.
 */
import type { CompiledScope } from './scope.ts';
import { bits } from './vocabulary.ts';

/** Epithets that stand for "some species" (`Manis spp`, `Panthera sp.`, `Panthera tigris ssp.`). */
const PLACEHOLDER_EPITHETS = new Set(['sp', 'spp', 'ssp', 'subsp', 'cf', 'aff', 'var', 'x']);
const WORD = /^[a-z][a-z-]*$/;

/** The form names are compared in: trimmed, single spaces, lower case. */
export const normalTaxon = (name: string): string => name.trim().replace(/\s+/g, ' ').toLowerCase();

const words = (name: string): string[] => normalTaxon(name).split(' ');

function rank(name: string): 'species' | 'subspecies' | 'higher' {
  const w = words(name);
  if (w.length < 2 || w.length > 3) return 'higher';
  if (!w.every((x) => WORD.test(x))) return 'higher';
  if (w.slice(1).some((x) => PLACEHOLDER_EPITHETS.has(x))) return 'higher';
  return w.length === 2 ? 'species' : 'subspecies';
}

/** A species or subspecies name (`Panthera tigris`, `panthera tigris altaica`), not a higher taxon. */
export const isSpeciesName = (name: string): boolean => rank(name) !== 'higher';

/** The species a subspecies belongs to (normalised); the name itself for a species. */
const speciesOf = (name: string): string => words(name).slice(0, 2).join(' ');

export type TaxaMatch =
  /** The rule prohibits every taxon the provision is about. */
  | { kind: 'full' }
  /**
   * The rule names species or subspecies. `names`: the provision's taxa it prohibits entirely (for a
   * provision about whole groups, the rule's own names: it prohibits those of the groups).
   * `partly`: provision taxa of which it prohibits only some subspecies, with those subspecies.
   */
  | { kind: 'species'; names: string[]; partly: Map<string, string[]> }
  /**
   * Cannot be compared: the rule names a higher taxon that is not one of the provision's
   * (`higher-taxon`), or names species for several species groups while the provision is about
   * whole groups, so the tool cannot tell which group they belong to (`several-groups`).
   */
  | { kind: 'unknown'; why: 'higher-taxon' | 'several-groups' }
  /** The rule names species, none of them (or of their subspecies) the provision's. */
  | { kind: 'none' };

const FULL: TaxaMatch = { kind: 'full' };
const HIGHER: TaxaMatch = { kind: 'unknown', why: 'higher-taxon' };
const GROUPS: TaxaMatch = { kind: 'unknown', why: 'several-groups' };
const NONE: TaxaMatch = { kind: 'none' };

/**
 * @example
 * matchTaxa(rule(['Panthera tigris']), provision(['Panthera tigris', 'Panthera pardus']))
 * // { kind: 'species', names: ['Panthera tigris'], partly: Map {} }
 * matchTaxa(rule(['Panthera tigris altaica']), provision(['Panthera tigris']))
 * // { kind: 'species', names: [], partly: Map { 'Panthera tigris' => ['Panthera tigris altaica'] } }
 */
export function matchTaxa(rule: CompiledScope, provision: CompiledScope): TaxaMatch {
  const ruleTaxa = rule.taxa;
  if (!ruleTaxa) return FULL;
  const ruleList = rule.taxaList ?? [];
  const allSpecies = ruleList.every(isSpeciesName);
  if (provision.taxaList) {
    const names: string[] = [];
    const partly = new Map<string, string[]>();
    for (const t of provision.taxaList) {
      const n = normalTaxon(t);
      // A species prohibits its subspecies; a subspecies is part of its species.
      if (ruleTaxa.has(n) || (rank(t) === 'subspecies' && ruleTaxa.has(speciesOf(t)))) names.push(t);
      else if (rank(t) === 'species') {
        const subs = ruleList.filter((r) => rank(r) === 'subspecies' && speciesOf(r) === n);
        if (subs.length) partly.set(t, subs);
      }
    }
    if (names.length === provision.taxaList.length) return FULL;
    if (!allSpecies) return HIGHER;
    return names.length || partly.size ? { kind: 'species', names, partly } : NONE;
  }
  if (!allSpecies) return HIGHER;
  // Species of more than one group against a whole group: which group are they in?
  if (bits(rule.g).length > 1) return GROUPS;
  return { kind: 'species', names: [...ruleList], partly: new Map() };
}
