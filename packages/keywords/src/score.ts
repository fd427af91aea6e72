/**
 * Scoring of one listing (docs/keywords.md, "Scoring"):
 *
 * 1. Associated terms count only within ASSOCIATION_WINDOW skeleton characters of a species term
 *    of the same group in the same field (a tag: in the same or the next tag); others are dropped.
 *    An ambiguous hit near an innocent-reading word of its group ("ivory paint", "teddy bear") is
 *    neutralised: it anchors nothing and neither gives nor receives context. Innocent-reading words
 *    are not evidence and are not reported.
 * 2. Per species group, the evidence units are the hits not nested in a longer hit of the same
 *    group, one unit per distinct term (its highest weight).
 * 3. Ambiguous units are grouped into pieces of evidence (overlapping in one field, or variants of
 *    one word: terms sharing a word); a piece weighs what its best unit weighs: AMBIGUOUS_WEIGHT (or
 *    its own weight) — unless the group also has an unambiguous unit of weight ≥ CONTEXT_MIN_WEIGHT
 *    (product or species context), or two or more pieces of ambiguous code words (evidence adds up),
 *    then at least CONTEXT_WEIGHT.
 *    A term written in an obfuscated way is not ambiguous and weighs at least OBFUSCATED_WEIGHT.
 * 4. Group score = 1 − Π(1 − weight) over its unambiguous units and ambiguous pieces; listing score =
 *    the highest group score; flagged when score ≥ FLAG_THRESHOLD.
 */
import type { LibraryTerm } from '@ewto/schemas/generated/keyword-library';
import type { SpeciesGroup, TermKind } from '@ewto/schemas/vocabularies';
import type { Hit } from './find.ts';

export const FLAG_THRESHOLD = 0.5;
/** Skeleton characters (letters, not spaces or punctuation) between an associated and a species term. */
export const ASSOCIATION_WINDOW = 30;
export const AMBIGUOUS_WEIGHT = 0.15;
export const CONTEXT_WEIGHT = 0.35;
/** A unit gives context to ambiguous ones when it is unambiguous and weighs at least this. */
export const CONTEXT_MIN_WEIGHT = 0.25;
/** A term written in an obfuscated way ("i.v.o.r.y", "iv0ry", "pan.golin") weighs at least this, and is not ambiguous. */
export const OBFUSCATED_WEIGHT = 0.6;
export const DEFAULT_WEIGHTS: Readonly<Record<TermKind, number>> = {
  'search-word': 0.8,
  hashtag: 0.8,
  'code-word': 0.8,
  emoji: 0.3,
  'associated-term': 0.25,
};
/** Fields from this index on are tags: an associated term in one counts next to a species term in it or the next tag. */
export const FIRST_TAG_FIELD = 2;

/** The weight of one hit of a term: its own, else by ambiguity and kind. */
export function termWeight(term: Pick<LibraryTerm, 'weight' | 'ambiguous' | 'kind'>): number {
  return term.weight ?? (term.ambiguous ? AMBIGUOUS_WEIGHT : DEFAULT_WEIGHTS[term.kind]);
}

export interface Scored {
  score: number;
  /** The hits that count: every hit except associated terms far from a species term. */
  kept: Hit[];
  /** Score per species group that has hits, highest first. */
  groups: Array<{ group: SpeciesGroup; score: number }>;
}

/**
 * Applies the associated-term rule and scores the hits of one listing.
 * @example
 * scoreHits(hits).score; // 0.15 for "ivory lace dress", 0.8 for "carved ivory"
 */
export function scoreHits(hits: readonly Hit[]): Scored {
  const kept: Hit[] = [];
  const groups: Scored['groups'] = [];
  // Most listings with hits have hits of one group: no map for them.
  const first = hits[0]?.term.group;
  let single = true;
  for (let i = 1; i < hits.length; i++)
    if (hits[i]!.term.group !== first) {
      single = false;
      break;
    }
  if (first === undefined) return { score: 0, kept, groups };
  if (single) scoreGroup(first, hits as Hit[], kept, groups);
  else {
    const byGroup = new Map<SpeciesGroup, Hit[]>();
    for (const h of hits) {
      const list = byGroup.get(h.term.group);
      if (list) list.push(h);
      else byGroup.set(h.term.group, [h]);
    }
    for (const [group, list] of byGroup) scoreGroup(group, list, kept, groups);
  }
  groups.sort((x, y) => y.score - x.score);
  return { score: groups[0]?.score ?? 0, kept, groups };
}

/** Applies the rules to the hits of one group, adding what counts to `kept` and its score to `groups`. */
function scoreGroup(group: SpeciesGroup, list: Hit[], kept: Hit[], groups: Scored['groups']): void {
  const neutral = neutralised(list);
  const counted = applyAssociationRule(list, neutral);
  if (counted.length === 0) return;
  for (const h of counted) kept.push(h);
  groups.push({ group, score: groupScore(counted, neutral) });
}

/**
 * The ambiguous hits read innocently: within the window of an innocent-reading word of their group
 * in the same field (a tag: the same tag) — "ivory paint", "tiger print rug", "teddy bear" — and not
 * obfuscated. They do not anchor associated terms, and neither give nor receive context.
 */
function neutralised(hits: Hit[]): Set<Hit> | undefined {
  let innocent: Hit[] | undefined;
  for (const h of hits)
    if (h.term.innocent) {
      innocent ??= [];
      innocent.push(h);
    }
  if (!innocent) return undefined;
  const out = new Set<Hit>();
  for (const h of hits) {
    if (!h.term.ambiguous || h.term.innocent || h.obfuscated) continue;
    for (const w of innocent)
      if (w.field === h.field && w.a - ASSOCIATION_WINDOW <= h.b && h.a <= w.b + ASSOCIATION_WINDOW) {
        out.add(h);
        break;
      }
  }
  return out;
}

function applyAssociationRule(hits: Hit[], neutral: Set<Hit> | undefined): Hit[] {
  let associated = false;
  let innocent = false;
  for (const h of hits) {
    if (h.term.associated) associated = true;
    if (h.term.innocent) innocent = true;
  }
  if (!associated) {
    if (!innocent) return hits;
    // Innocent-reading words are not reported: the other hits are.
    const counted: Hit[] = [];
    for (const h of hits) if (!h.term.innocent) counted.push(h);
    return counted;
  }
  const anchors = new Map<number, Hit[]>();
  for (const h of hits) {
    if (!h.term.species || neutral?.has(h)) continue;
    const list = anchors.get(h.field);
    if (list) list.push(h);
    else anchors.set(h.field, [h]);
  }
  const near = nearness(anchors);
  return hits.filter((h) => {
    if (h.term.innocent) return false;
    if (!h.term.associated) return true;
    // A tag: a species term in the same tag or the one next to it.
    if (h.field >= FIRST_TAG_FIELD)
      return (
        anchors.has(h.field) ||
        anchors.has(h.field + 1) ||
        (h.field > FIRST_TAG_FIELD && anchors.has(h.field - 1))
      );
    return near(h);
  });
}

/** For each field, whether a hit lies within the window of one of its anchors (binary search). */
function nearness(anchors: Map<number, Hit[]>): (h: Hit) => boolean {
  const index = new Map<number, { ends: number[]; minStartFrom: number[] }>();
  for (const [field, list] of anchors) {
    list.sort((x, y) => x.b - y.b);
    const minStartFrom = new Array<number>(list.length);
    let min = Number.POSITIVE_INFINITY;
    for (let i = list.length - 1; i >= 0; i--) {
      min = Math.min(min, list[i]!.a);
      minStartFrom[i] = min;
    }
    index.set(field, { ends: list.map((h) => h.b), minStartFrom });
  }
  return (h) => {
    const entry = index.get(h.field);
    if (!entry) return false;
    let lo = 0;
    let hi = entry.ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (entry.ends[mid]! >= h.a - ASSOCIATION_WINDOW) hi = mid;
      else lo = mid + 1;
    }
    return lo < entry.ends.length && entry.minStartFrom[lo]! <= h.b + ASSOCIATION_WINDOW;
  };
}

interface Unit {
  weight: number;
  ambiguous: boolean;
  innocent: boolean;
  term: Hit['term'];
  /** Where the unit's hits are: [field, a, b] triples. */
  spans: number[];
}

function groupScore(hits: Hit[], neutral: Set<Hit> | undefined): number {
  if (hits.length === 1) {
    // One hit: one unit, its own piece of evidence, nothing to give it context.
    const h = hits[0]!;
    const weight =
      h.obfuscated && h.term.ambiguous ? Math.max(h.term.weight, OBFUSCATED_WEIGHT) : h.term.weight;
    return Math.round((1 - (1 - weight)) * 1000) / 1000;
  }
  const sorted = [...hits].sort((x, y) => x.field - y.field || x.a - y.a || y.b - x.b);
  const units = new Map<number, Unit>();
  let field = -1;
  let start = -1;
  let maxEndBefore = -1;
  let maxEndSameStart = -1;
  for (const h of sorted) {
    if (h.field !== field) {
      field = h.field;
      start = -1;
      maxEndBefore = -1;
      maxEndSameStart = -1;
    }
    if (h.a !== start) {
      maxEndBefore = Math.max(maxEndBefore, maxEndSameStart);
      maxEndSameStart = -1;
      start = h.a;
    }
    const nested = maxEndBefore >= h.b || maxEndSameStart > h.b;
    maxEndSameStart = Math.max(maxEndSameStart, h.b);
    if (nested) continue;
    const hidden = h.obfuscated && h.term.ambiguous;
    const weight = hidden ? Math.max(h.term.weight, OBFUSCATED_WEIGHT) : h.term.weight;
    const innocent = neutral?.has(h) === true;
    const unit = units.get(h.term.unit);
    if (!unit || unit.weight < weight || (unit.weight === weight && unit.innocent && !innocent))
      units.set(h.term.unit, {
        weight,
        ambiguous: h.term.ambiguous && !hidden,
        innocent,
        term: h.term,
        spans: unit ? unit.spans : [],
      });
    units.get(h.term.unit)!.spans.push(h.field, h.a, h.b);
  }
  let context = false;
  for (const u of units.values()) if (!u.ambiguous && u.weight >= CONTEXT_MIN_WEIGHT) context = true;
  let miss = 1;
  const ambiguous: Unit[] = [];
  for (const u of units.values()) {
    if (u.ambiguous) ambiguous.push(u);
    else miss *= 1 - u.weight;
  }
  if (ambiguous.length === 0) return Math.round((1 - miss) * 1000) / 1000;
  // Ambiguous units count per piece of evidence: overlapping matches of one phrase and variants of
  // one word are one piece, worth its best unit. Two pieces or more that can corroborate are
  // evidence together, like product or species context.
  const pieces = piecesOf(ambiguous);
  let corroborating = 0;
  for (const piece of pieces) if (piece.some(corroborates)) corroborating++;
  const raised = context || corroborating >= 2;
  for (const piece of pieces) {
    let best = 0;
    for (const u of piece) {
      const w = raised && !u.innocent ? Math.max(u.weight, CONTEXT_WEIGHT) : u.weight;
      if (w > best) best = w;
    }
    miss *= 1 - best;
  }
  return Math.round((1 - miss) * 1000) / 1000;
}

/**
 * An ambiguous unit can corroborate another piece of evidence when it is a code word — not the
 * plain name of the animal or product (a species term: "bear", "ivory", which have everyday
 * readings of their own), not an emoji (decoration) — is not neutralised by an innocent reading,
 * and weighs at least AMBIGUOUS_WEIGHT: the words the library weighs lower ("antique", "white
 * gold", short foreign words) are too common to add up.
 */
const corroborates = (u: Unit) =>
  !u.innocent && !u.term.species && u.term.kind !== 'emoji' && u.weight >= AMBIGUOUS_WEIGHT;

/** Groups ambiguous units into pieces of evidence: linked when they overlap or share a word. */
function piecesOf(units: Unit[]): Unit[][] {
  if (units.length === 1) return [units];
  const parent = units.map((_, i) => i);
  for (let i = 0; i < units.length; i++)
    for (let j = i + 1; j < units.length; j++)
      if (sameEvidence(units[i]!, units[j]!)) parent[root(parent, i)] = root(parent, j);
  const byRoot = new Map<number, Unit[]>();
  for (let i = 0; i < units.length; i++) {
    const r = root(parent, i);
    const list = byRoot.get(r);
    if (list) list.push(units[i]!);
    else byRoot.set(r, [units[i]!]);
  }
  return [...byRoot.values()];
}

/** Union-find: the root of i, paths halved on the way. */
function root(parent: number[], i: number): number {
  while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
  return i;
}

function sameEvidence(x: Unit, y: Unit): boolean {
  for (const k of x.term.evidenceKeys) if (y.term.evidenceKeys.includes(k)) return true;
  const [s, t] = [x.spans, y.spans];
  for (let i = 0; i < s.length; i += 3)
    for (let j = 0; j < t.length; j += 3)
      if (s[i] === t[j] && s[i + 1]! < t[j + 2]! && t[j + 1]! < s[i + 2]!) return true;
  return false;
}
