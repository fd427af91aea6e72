/** The released editions in order, `latest` resolution, and the one-line summary the API lists. */
import { compareEditionIds, isEditionId } from '@ewto/schemas';
import { FrameworkError } from './errors.ts';
import type { FrameworkEdition } from './types.ts';

export interface EditionSummary {
  version: string;
  title: string;
  released: string;
  previous?: string;
  provenance: FrameworkEdition['provenance'];
  summary?: string;
  provisions: { active: number; deprecated: number; withdrawn: number };
}

export interface Catalog {
  /** Oldest first. */
  readonly editions: readonly FrameworkEdition[];
  /** The newest edition. */
  readonly latest: FrameworkEdition;
  /** The edition with this id, `latest` included; throws FrameworkError `unknown-edition`. */
  resolve(id: string): FrameworkEdition;
  /** The edition with this id, or undefined. */
  get(id: string): FrameworkEdition | undefined;
}

/**
 * @example
 * const catalog = createCatalog(await loadEditions());
 * catalog.resolve('latest').version; // '2020'
 */
export function createCatalog(editions: readonly FrameworkEdition[]): Catalog {
  if (editions.length === 0)
    throw new FrameworkError('unknown-edition', 'no framework editions are available');
  const sorted = [...editions].sort((a, b) => compareEditionIds(a.version, b.version));
  const byId = new Map(sorted.map((e) => [e.version, e]));
  const latest = sorted.at(-1)!;
  return {
    editions: sorted,
    latest,
    get: (id) => (id === 'latest' ? latest : byId.get(id)),
    resolve(id) {
      const found = id === 'latest' ? latest : byId.get(id);
      if (!found)
        throw new FrameworkError(
          'unknown-edition',
          `unknown framework edition "${id}"${isEditionId(id) ? '' : ' (an edition id is a year, e.g. 2020, or "latest")'}: available are ${sorted.map((e) => e.version).join(', ')} and latest`,
        );
      return found;
    },
  };
}

export function editionSummary(edition: FrameworkEdition): EditionSummary {
  const count = (s: string) => edition.provisions.filter((p) => p.status === s).length;
  return {
    version: edition.version,
    title: edition.title,
    released: edition.released,
    ...(edition.previous ? { previous: edition.previous } : {}),
    provenance: edition.provenance,
    ...(edition.summary ? { summary: edition.summary } : {}),
    provisions: { active: count('active'), deprecated: count('deprecated'), withdrawn: count('withdrawn') },
  };
}
