/** The document types, generated from `schemas/*.schema.json` (never written by hand). */
export type {
  AlignmentReport,
  AlignmentSummary,
  Beyond,
  Finding,
  MeasureGap,
  ProvisionResult,
  RuleRef,
  ScopeGap,
  Verdict,
  WaiverRef,
} from '@ewto/schemas/generated/alignment-report';
export type {
  CompanyMeasure,
  CompanyPolicy,
  CompanyRule,
  Evidence,
  Mapping,
  NotApplicable,
  Platform,
  Waiver,
} from '@ewto/schemas/generated/company-policy';
export type {
  ChangeLevel,
  ChangeRule,
  EditionChange,
  EditionChanges,
  EditionRef,
  PolicyAction,
  PolicyImpact,
} from '@ewto/schemas/generated/edition-changes';
export type {
  CitesAppendix,
  ExceptionType,
  FrameworkEdition,
  ListingType,
  Measure,
  ProductType,
  Provision,
  ProvisionCategory,
  ProvisionLevel,
  ProvisionStatus,
  Scope,
  Source,
} from '@ewto/schemas/generated/framework';
