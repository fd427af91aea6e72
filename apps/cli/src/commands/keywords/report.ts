/** The human-readable form of a screening record (`--format text`). */
import type { Listing, ScreenResult } from '@ewto/keywords';

export interface Style {
  flagged(s: string): string;
  ok(s: string): string;
  dim(s: string): string;
}

export const plainStyle: Style = { flagged: (s) => s, ok: (s) => s, dim: (s) => s };
export const colourStyle: Style = {
  flagged: (s) => `\x1b[1;31m${s}\x1b[0m`,
  ok: (s) => `\x1b[32m${s}\x1b[0m`,
  dim: (s) => `\x1b[2m${s}\x1b[0m`,
};

/**
 * One line per listing, then one indented line per match with the text it matched.
 * @example
 * 3  FLAGGED  0.96  elephant
 *      title 7-19  "ivоry bangle"  ivory bangle (elephant search-word)
 */
export function textRecord(
  listing: Listing,
  record: ScreenResult,
  groups: ReadonlyArray<{ group: string; score: number }>,
  style: Style,
): string {
  const verdict = record.flagged ? style.flagged('FLAGGED') : style.ok('ok     ');
  const top = groups.filter((g) => g.score >= record.score).map((g) => g.group);
  let out = `${record.id}  ${verdict}  ${record.score.toFixed(2)}${top.length ? `  ${top.join(', ')}` : ''}\n`;
  for (const m of record.matches) {
    const source = fieldText(listing, m.field).slice(m.start, m.end);
    out += `     ${style.dim(`${m.field} ${m.start}-${m.end}`)}  ${quote(source)}  ${m.term} ${style.dim(`(${m.group} ${m.kind})`)}\n`;
  }
  return out;
}

/** Invisible and direction-changing characters, shown escaped so the reader sees the trick. */
const INVISIBLE = /\u034f|[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** The matched text as a JSON string, with zero-width characters and soft hyphens escaped (`\u200b`). */
export function quote(text: string): string {
  return JSON.stringify(text).replace(
    INVISIBLE,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function fieldText(listing: Listing, field: string): string {
  if (field === 'title') return listing.title ?? '';
  if (field === 'description') return listing.description ?? '';
  const tag = /^tags\[(\d+)\]$/.exec(field);
  return tag ? (listing.tags?.[Number(tag[1])] ?? '') : '';
}
