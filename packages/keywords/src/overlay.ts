/**
 * The served keyword library: the files of policies/keywords/ with terms promoted from trend alerts
 * on top. Served version numbers come from one list of versions (each a version of the files or a
 * promotion), so a promotion and a later release of the files never share a number, and
 * `changesSince` keeps working across both.
 */
import type { KeywordLibrary, LibraryTerm } from '@ewto/schemas/generated/keyword-library';
import type { SpeciesGroup, TermKind } from '@ewto/schemas/vocabularies';
import { termId } from './library.ts';
import { Normaliser } from './normalise.ts';

export interface ServedVersion {
  version: number;
  source: 'files' | 'promotion';
  /** For `files`: the version of library.yaml it stands for. */
  fileVersion: number | null;
  /** For `promotion`: the trend alert's publication id. */
  publicationId: string | null;
  summary: string | null;
  /** YYYY-MM-DD */
  date: string;
}

export interface PromotedTerm {
  id: string;
  version: number;
  group: string;
  kind: string;
  text: string;
  language: string;
  alert: string;
  ambiguous: boolean;
  note: string | null;
}

/**
 * The versions to add so that every version of the files up to `files.version` has its served
 * version (on an empty list: the same numbers). Empty when nothing changed.
 */
export function pendingFileVersions(
  files: KeywordLibrary,
  served: readonly ServedVersion[],
): ServedVersion[] {
  const known = new Set(served.filter((v) => v.source === 'files').map((v) => v.fileVersion));
  let next = Math.max(0, ...served.map((v) => v.version));
  const out: ServedVersion[] = [];
  for (const entry of files.changelog)
    if (!known.has(entry.version))
      out.push({
        version: served.length === 0 ? entry.version : ++next,
        source: 'files',
        fileVersion: entry.version,
        publicationId: null,
        summary: null,
        date: entry.date,
      });
  return out;
}

/**
 * The library as served: file versions renumbered to served versions, promoted terms added (a term
 * the files also have is the files' term), the changelog of both in version order.
 * @example overlayLibrary(await loadLibrary(), versionsFromDb, promotedFromDb).version
 */
export function overlayLibrary(
  files: KeywordLibrary,
  served: readonly ServedVersion[],
  promoted: readonly PromotedTerm[],
): KeywordLibrary {
  const map = new Map<number, number>();
  for (const v of served)
    if (v.source === 'files' && v.fileVersion !== null) map.set(v.fileVersion, v.version);
  const at = (fileVersion: number) => map.get(fileVersion) ?? fileVersion;
  const fileChangelog = new Map(files.changelog.map((e) => [e.version, e]));
  const terms: LibraryTerm[] = files.terms.map((t) => ({
    ...t,
    added: at(t.added),
    ...(t.changed !== undefined ? { changed: at(t.changed) } : {}),
  }));
  const ids = new Set(terms.map((t) => t.id));
  for (const p of [...promoted].sort((a, b) => a.version - b.version || a.id.localeCompare(b.id))) {
    if (ids.has(p.id)) continue;
    ids.add(p.id);
    terms.push({
      id: p.id,
      group: p.group as SpeciesGroup,
      text: p.text,
      kind: p.kind as TermKind,
      language: p.language,
      provenance: 'intelligence',
      alert: p.alert,
      ...(p.ambiguous ? { ambiguous: true } : {}),
      ...(p.note ? { note: p.note } : {}),
      added: p.version,
    });
  }
  const changelog = [...served]
    .sort((a, b) => a.version - b.version)
    .flatMap((v) => {
      if (v.source === 'promotion') return [{ version: v.version, date: v.date, summary: v.summary ?? '' }];
      const entry = v.fileVersion !== null ? fileChangelog.get(v.fileVersion) : undefined;
      return entry ? [{ ...entry, version: v.version }] : [];
    });
  return {
    ...files,
    version: Math.max(files.version, ...served.map((v) => v.version)),
    changelog: changelog.length ? changelog : files.changelog,
    terms,
    removed: files.removed.map((r) => ({ ...r, added: at(r.added), removed: at(r.removed) })),
  };
}

export interface AlertTermInput {
  text: string;
  kind: string;
  groups: readonly string[];
  language: string;
  confidence: 'low' | 'medium' | 'high';
  context?: string | undefined;
}

/**
 * The library terms a trend alert's terms become: one per text, kind and species group. Terms the
 * library already has, and texts with nothing to match, are skipped with the reason.
 */
export function promotionTerms(
  library: KeywordLibrary,
  terms: readonly AlertTermInput[],
  { alert, version }: { alert: string; version: number },
): { added: PromotedTerm[]; skipped: Array<{ id: string; reason: string }> } {
  const existing = new Set(library.terms.map((t) => t.id));
  const normaliser = new Normaliser();
  const added: PromotedTerm[] = [];
  const skipped: Array<{ id: string; reason: string }> = [];
  for (const t of terms)
    for (const group of t.groups) {
      const id = termId(group, t.kind, t.text);
      if (existing.has(id)) {
        skipped.push({ id, reason: 'already in the library' });
        continue;
      }
      normaliser.normalise(t.text);
      if (normaliser.length === 0) {
        skipped.push({ id, reason: 'no letters, digits or emoji to match' });
        continue;
      }
      existing.add(id);
      added.push({
        id,
        version,
        group,
        kind: t.kind,
        text: t.text,
        language: t.language,
        alert,
        // A term the analyst is not sure of does not flag a listing alone.
        ambiguous: t.confidence === 'low',
        note: t.context ? t.context.slice(0, 500) : null,
      });
    }
  return { added, skipped };
}
