/** The shared vocabularies of design.md, read from `vocabularies.schema.json` (defined there once). */

import type {
  EditionId,
  IndicatorKind,
  OrgKind,
  PlanCategory,
  Role,
  SpeciesGroup,
  TermKind,
  TlpLabel,
} from '../generated/vocabularies.ts';
import vocab from '../vocabularies.schema.json' with { type: 'json' };

export type { EditionId, IndicatorKind, OrgKind, PlanCategory, Role, SpeciesGroup, TermKind, TlpLabel };

const defs = vocab.$defs;
export const SPECIES_GROUPS = defs.speciesGroup.enum as readonly SpeciesGroup[];
export const TERM_KINDS = defs.termKind.enum as readonly TermKind[];
export const TLP_LABELS = defs.tlpLabel.enum as readonly TlpLabel[];
export const ORG_KINDS = defs.orgKind.enum as readonly OrgKind[];
export const ROLES = defs.role.enum as readonly Role[];
export const INDICATOR_KINDS = defs.indicatorKind.enum as readonly IndicatorKind[];
export const PLAN_CATEGORIES = defs.planCategory.enum as readonly PlanCategory[];
const editionPattern = new RegExp(defs.editionId.pattern);

export const isSpeciesGroup = (v: unknown): v is SpeciesGroup =>
  typeof v === 'string' && (SPECIES_GROUPS as readonly string[]).includes(v);
export const isEditionId = (v: unknown): v is EditionId => typeof v === 'string' && editionPattern.test(v);

/**
 * Orders edition ids: by year, then revision (`2020` < `2020.1` < `2020.2` < `2021`).
 * @example ['2020', '2016', '2020.1'].sort(compareEditionIds) // ['2016', '2020', '2020.1']
 */
export function compareEditionIds(a: EditionId, b: EditionId): number {
  const [ya = 0, ra = 0] = a.split('.').map(Number);
  const [yb = 0, rb = 0] = b.split('.').map(Number);
  return ya - yb || ra - rb;
}
