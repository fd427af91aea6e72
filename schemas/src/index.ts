export { type SchemaName, schemaId, schemas } from './catalog.ts';
export { describeErrors, type SchemaIssue, type SchemaPath, validate, validator } from './validate.ts';
export type { EditionId, OrgKind, Role, SpeciesGroup, TermKind, TlpLabel } from './vocabularies.ts';
export {
  compareEditionIds,
  isEditionId,
  isSpeciesGroup,
  ORG_KINDS,
  ROLES,
  SPECIES_GROUPS,
  TERM_KINDS,
  TLP_LABELS,
} from './vocabularies.ts';
export { formatIssue, locateIssues, parseSource, type SourceDocument } from './yaml-source.ts';
