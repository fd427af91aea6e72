export type {
  ChangelogEntry,
  KeywordChanges,
  KeywordLibrary,
  LibraryRemovedTerm,
  LibraryTerm,
} from '@ewto/schemas/generated/keyword-library';
export type { Listing } from '@ewto/schemas/generated/screen-request';
export type { ScreenMatch, ScreenResponse, ScreenResult } from '@ewto/schemas/generated/screen-result';
export { changesSince } from './changes.ts';
export { type CompiledTerm, compileLibrary, type Screener } from './compile.ts';
export { KEYWORDS_ERROR_CODES, KeywordsError, type KeywordsErrorCode } from './errors.ts';
export { INDEX_FILE, type LibraryFile, parseLibrary, termId } from './library.ts';
export { Normaliser } from './normalise.ts';
export {
  type AlertTermInput,
  overlayLibrary,
  type PromotedTerm,
  pendingFileVersions,
  promotionTerms,
  type ServedVersion,
} from './overlay.ts';
export {
  AMBIGUOUS_WEIGHT,
  ASSOCIATION_WINDOW,
  CONTEXT_MIN_WEIGHT,
  CONTEXT_WEIGHT,
  DEFAULT_WEIGHTS,
  FLAG_THRESHOLD,
  OBFUSCATED_WEIGHT,
  termWeight,
} from './score.ts';
export { screenListing, screenListingDetailed } from './screen.ts';
export { B_HARD, B_HASH, B_NONE, B_SOFT } from './token-rules.ts';
