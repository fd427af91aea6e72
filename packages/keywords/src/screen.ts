/**
 * Screening of one listing: every field searched, the associated-term rule applied, the listing
 * scored — the record of design.md (`{ id, flagged, score, matches }`).
 */
import type { Listing } from '@ewto/schemas/generated/screen-request';
import type { ScreenMatch, ScreenResult } from '@ewto/schemas/generated/screen-result';
import type { Screener } from './compile.ts';
import { findInField, type Hit } from './find.ts';
import { candidates, mayMatch, type Prefilter } from './prefilter.ts';
import { FIRST_TAG_FIELD, FLAG_THRESHOLD, type Scored, scoreHits } from './score.ts';
import { piece, widen } from './window.ts';

/**
 * Screens one listing. Offsets are UTF-16 code units of the original field
 * (`listing.title.slice(start, end)` is the text that matched).
 * @example
 * screenListing(screener, { id: 7, title: 'Genuine rh1n0 h0rn cup' });
 * // { id: 7, flagged: true, score: 0.8, matches: [{ term: 'rhino horn cup', group: 'rhino', kind: 'search-word', field: 'title', start: 8, end: 22 }, …] }
 */
export function screenListing(screener: Screener, listing: Listing): ScreenResult {
  const { record } = screenListingDetailed(screener, listing);
  return record;
}

/** Like `screenListing`, with the score of each species group (for human-readable reports). */
export function screenListingDetailed(
  screener: Screener,
  listing: Listing,
): { record: ScreenResult; groups: Scored['groups'] } {
  const hits: Hit[] = [];
  const pf = screener.prefilter;
  const { title, description } = listing;
  if (title && mayMatch(pf, title, false)) findAround(screener, title, 0, hits);
  if (description && mayMatch(pf, description, false)) findAround(screener, description, 1, hits);
  const tags = listing.tags ?? [];
  // An associated term in a tag counts next to a species term in the tag before or after it: a tag
  // is screened when it or a neighbour may hold a term the prefilter looks for.
  let here = tags.length > 0 && mayMatchTag(pf, tags[0]);
  let before = false;
  for (let i = 0; i < tags.length; i++) {
    const after = i + 1 < tags.length && mayMatchTag(pf, tags[i + 1]);
    const tag = tags[i];
    if (tag && (here || before || after)) findInField(screener, tag, FIRST_TAG_FIELD + i, true, hits);
    before = here;
    here = after;
  }
  if (hits.length === 0)
    return { record: { id: listing.id, flagged: false, score: 0, matches: [] }, groups: [] };
  const scored = scoreHits(hits);
  const kept = scored.kept.sort(
    (x, y) =>
      x.field - y.field || x.start - y.start || x.end - y.end || compare(x.term.term.id, y.term.term.id),
  );
  const matches: ScreenMatch[] = kept.map((h) => ({
    term: h.term.term.text,
    group: h.term.group,
    kind: h.term.kind,
    field: fieldName(h.field),
    start: h.start,
    end: h.end,
  }));
  return {
    record: { id: listing.id, flagged: scored.score >= FLAG_THRESHOLD, score: scored.score, matches },
    groups: scored.groups,
  };
}

/**
 * Screens the piece of a title or description around the prefilter's candidates (window.ts), with
 * the margin within which associated and innocent-reading words count. An ambiguous associated term
 * found there can be read innocently because of a word a margin further out: then the piece is
 * screened again with two margins (a word that neutralises nothing is no further link).
 */
function findAround(screener: Screener, text: string, field: number, hits: Hit[]): void {
  const [from, to] = [candidates[0]!, candidates[1]!];
  const before = hits.length;
  widen(text, from, to, screener.margin);
  findInField(screener, text, field, false, hits, piece[0], piece[1]);
  for (let k = before; k < hits.length; k++) {
    const h = hits[k]!;
    if (!(h.term.associated && h.term.ambiguous && !h.obfuscated)) continue;
    hits.length = before;
    widen(text, from, to, 2 * screener.margin);
    findInField(screener, text, field, false, hits, piece[0], piece[1]);
    return;
  }
}

const mayMatchTag = (pf: Prefilter, tag: string | undefined) => !!tag && mayMatch(pf, tag, true);
/** Field names, made once: "title", "description", "tags[0]"… */
const FIELD_NAMES = ['title', 'description', ...Array.from({ length: 64 }, (_, i) => `tags[${i}]`)];
const fieldName = (field: number): string => FIELD_NAMES[field] ?? `tags[${field - FIRST_TAG_FIELD}]`;
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
