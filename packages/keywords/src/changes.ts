/**
 * What changed in the library after a version: computed from the version marks every term carries
 * (`added`, `changed`) and from the tombstones of removed terms, so a client that holds version N
 * can update to the current version without downloading everything again.
 */
import type { KeywordChanges, KeywordLibrary } from '@ewto/schemas/generated/keyword-library';
import { KeywordsError } from './errors.ts';

/**
 * Terms added, changed and removed after version `since` (0 = everything).
 * @example
 * const delta = changesSince(library, 2);
 * delta.added.length; // terms added in versions 3…library.version
 */
export function changesSince(library: KeywordLibrary, since: number): KeywordChanges {
  if (!Number.isInteger(since) || since < 0 || since > library.version)
    throw new KeywordsError(
      'unknown-version',
      `unknown library version "${since}": expected an integer from 0 to ${library.version}`,
    );
  return {
    since,
    version: library.version,
    added: library.terms.filter((t) => t.added > since),
    changed: library.terms.filter((t) => t.added <= since && (t.changed ?? 0) > since),
    // A term added and removed after `since` was never seen by the client: nothing to report.
    removed: library.removed.filter((t) => t.removed > since && t.added <= since),
  };
}
