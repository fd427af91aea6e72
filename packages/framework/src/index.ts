/**
 * `@ewto/framework`: the Prohibited Wildlife Policy Framework — editions, company policies, the
 * alignment diff, edition-to-edition changes and the report formats. Pure: no node:*, no I/O.
 * Reading editions from disk is `@ewto/framework/node` (`loadEditions`).
 */
export { type AssessContext, type Assessment, assessProvision, type Listings, listingsOf } from './assess.ts';
export { describeBeyond } from './assess-scope.ts';
export { type BeyondIndex, beyondIndex } from './beyond.ts';
export { type Catalog, createCatalog, type EditionSummary, editionSummary } from './catalog.ts';
export { CHANGE_LEVELS, type CompareOptions, compareEditions } from './changes.ts';
export { todoFor } from './changes-todo.ts';
export {
  checkCompanyPolicy,
  checkEdition,
  checkEditionSequence,
  type Issue,
  type PolicyCheckOptions,
} from './checks.ts';
export { type DiffOptions, diffPolicy } from './diff.ts';
export {
  FRAMEWORK_ERROR_CODES,
  FrameworkError,
  type FrameworkErrorCode,
  type LocatedIssue,
} from './errors.ts';
export { formatChangesText } from './format/changes-text.ts';
export { formatJson } from './format/json.ts';
export { formatReportJunit } from './format/junit.ts';
export { formatChangesMarkdown, formatReportMarkdown } from './format/markdown.ts';
export { formatReportText, type TextOptions } from './format/report-text.ts';
export { formatReportSarif, type SarifOptions } from './format/sarif.ts';
export {
  DOCUMENT_KINDS,
  type DocumentKind,
  type Parsed,
  type ParseOptions,
  parseCompanyPolicy,
  parseDocument,
  parseEdition,
} from './parse.ts';
export { type CompiledPolicy, compilePolicy } from './policy-index.ts';
export { formatScore, SCORE_METHOD, scoreOf, WEIGHTS } from './score.ts';
export { type PolicySource, type Position, readSource, valueAt } from './source.ts';
export { isSpeciesName, matchTaxa, type TaxaMatch } from './taxa.ts';
export type {
  AlignmentReport,
  AlignmentSummary,
  Beyond,
  ChangeLevel,
  ChangeRule,
  CitesAppendix,
  CompanyMeasure,
  CompanyPolicy,
  CompanyRule,
  EditionChange,
  EditionChanges,
  EditionRef,
  Evidence,
  ExceptionType,
  Finding,
  FrameworkEdition,
  ListingType,
  Mapping,
  Measure,
  MeasureGap,
  NotApplicable,
  Platform,
  PolicyAction,
  PolicyImpact,
  ProductType,
  Provision,
  ProvisionCategory,
  ProvisionLevel,
  ProvisionResult,
  ProvisionStatus,
  RuleRef,
  Scope,
  ScopeGap,
  Source,
  Verdict,
  Waiver,
  WaiverRef,
} from './types.ts';
export {
  CATEGORIES,
  CITES_APPENDICES,
  EXCEPTIONS,
  LEVELS,
  LISTING_TYPES,
  MEASURES,
  PRODUCT_TYPES,
  SPECIES_GROUPS,
  VERDICTS,
} from './vocabulary.ts';
