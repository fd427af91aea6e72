export { type SchemaName, schemaId, schemas } from './catalog.ts';
export { jsonErrorOffset } from './json-syntax.ts';
export { jsonTooDeep, MAX_NESTING, positionOf, type TooDeep, yamlTooDeep } from './nesting.ts';
export { decodeUtf8, firstInvalidByte, type Utf8Result } from './utf8.ts';
export { describeErrors, type SchemaIssue, type SchemaPath, validate, validator } from './validate.ts';
export type {
  EditionId,
  IndicatorKind,
  OrgKind,
  PlanCategory,
  Role,
  SpeciesGroup,
  TermKind,
  TlpLabel,
} from './vocabularies.ts';
export {
  compareEditionIds,
  INDICATOR_KINDS,
  isEditionId,
  isSpeciesGroup,
  ORG_KINDS,
  PLAN_CATEGORIES,
  ROLES,
  SPECIES_GROUPS,
  TERM_KINDS,
  TLP_LABELS,
} from './vocabularies.ts';
export {
  formatIssue,
  locateIssues,
  MAX_ALIAS_COUNT,
  parseSource,
  type SourceDocument,
} from './yaml-source.ts';
