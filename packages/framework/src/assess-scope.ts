/**
 * The scope half of a verdict. The provision's scope is cut into cells (species group × CITES
 * appendix × product × listing type, hosted listing types and the edition's CITES facts only);
 * every rule that overlaps it marks the cells it prohibits and the exceptions it leaves open;
 * leftover cells are the gap, compressed back into blocks a person can read.
 */
import { type BeyondIndex, cellBits, type RuleBeyond, SIZE } from './beyond.ts';
import type { CompiledPolicy, CompiledRule } from './policy-index.ts';
import {
  appendixName,
  type CompiledScope,
  compileScope,
  compress,
  describeRect,
  type Rect,
} from './scope.ts';
import { matchTaxa } from './taxa.ts';
import type { Beyond, Provision, ScopeGap } from './types.ts';
import { APPENDICES, bits, EXCEPTION_SET, GROUPS, LISTINGS, PRODUCTS } from './vocabulary.ts';

/** Appendix mask per species-group bit: where the group's species can be listed (edition facts). */
export type Listings = readonly number[];

export interface AssessContext {
  listings: Listings;
  beyond: BeyondIndex;
}

export type PartState = 'ok' | 'exceeds' | 'some' | 'nothing' | 'unknown';

export interface ScopePart {
  state: PartState | 'none' | 'not-hosted';
  gaps: ScopeGap[];
  beyond?: Beyond;
  reason?: string;
  /** Rules that prohibit part of the scope. */
  contributing: CompiledRule[];
  /** Rules that overlap the scope at all (taxa-restricted ones included). */
  touched: CompiledRule[];
}

/** Number of exception kinds (bits of an exception mask). */
const NE = EXCEPTION_SET.values.length;

function anyOpen(allow: Uint8Array, r: number): boolean {
  for (let e = 0; e < NE; e++) if (allow[r * NE + e]) return true;
  return false;
}

let stamp = new Int32Array(0);
let stampToken = 0;
let picked = new Int32Array(0);

/** Rules that can overlap a species-group mask, each once, in policy order (via the group index). */
function candidates(cp: CompiledPolicy, groups: number): CompiledRule[] {
  const rules = cp.rules ?? [];
  if (stamp.length < rules.length) {
    stamp = new Int32Array(rules.length);
    picked = new Int32Array(rules.length);
  }
  stampToken++;
  let n = 0;
  for (const g of bits(groups))
    for (const i of cp.byGroup[g]!) {
      if (stamp[i] === stampToken) continue;
      stamp[i] = stampToken;
      picked[n++] = i;
    }
  const order = picked.subarray(0, n).sort();
  const out = new Array<CompiledRule>(n);
  for (let k = 0; k < n; k++) out[k] = rules[order[k]!]!;
  return out;
}

const positions = (list: readonly number[]) => {
  const m = new Int8Array(32).fill(-1);
  list.forEach((b, i) => {
    m[b] = i;
  });
  return m;
};

export function assessScope(provision: Provision, cp: CompiledPolicy, ctx: AssessContext): ScopePart {
  const { listings } = ctx;
  const none = { gaps: [], contributing: [], touched: [] };
  if (!provision.scope) return { state: 'none', ...none };
  const pr = compileScope(provision.scope);
  const l = pr.l & cp.hosted;
  if (l === 0) return { state: 'not-hosted', ...none };
  const where = { within: { g: pr.g, a: pr.a, p: pr.p, l }, listings, pr };
  if (!cp.rules)
    return {
      state: 'unknown',
      ...none,
      gaps: [gap('not-comparable', where.within, where)],
      reason: 'the policy does not describe what it prohibits (it has no "rules")',
    };

  // Rows are (group, appendix, product) of the provision; within a row, listing types are the bits
  // of a mask, so one rule updates a whole row at once. Per row and per exception: the listing
  // types where every rule covering them leaves that exception open.
  const [gl, al, pl] = [bits(pr.g), bits(pr.a), bits(pr.p)];
  const [na, np] = [al.length, pl.length];
  const [gi, ai, pi] = [positions(gl), positions(al), positions(pl)];
  const rows = gl.length * na * np;
  const covered = new Uint8Array(rows); // listing types prohibited by rules that compare
  const allow = new Uint8Array(rows * NE); // per exception: listing types where it is still open
  const maybe = new Uint8Array(rows); // listing types touched only by rules that cannot be compared
  // Cells prohibited for some of the taxa only (by row * 8 + listing bit): the provision's taxa (or,
  // for whole groups, the rule's species) prohibited entirely, and taxa prohibited for some subspecies.
  const some = new Map<
    number,
    { names: Set<string>; partly: Map<string, Set<string>>; exceptions: number }
  >();
  const row = (g: number, a: number, p: number) => (gi[g]! * na + ai[a]!) * np + pi[p]!;

  // Rows already covered everywhere with no exception open: no later rule can change them.
  let open = 0;
  for (const g of gl) for (const a of al) if (listings[g]! & (1 << a)) open += np;
  const contributing: CompiledRule[] = [];
  const touched: CompiledRule[] = [];
  const blockers = new Set<string>(); // higher taxa that cannot be compared
  const ambiguous = new Set<CompiledRule>(); // rules naming species for several groups
  const beyond: BeyondAcc = { g: 0, a: 0, p: 0, l: 0, whole: 0, cells: undefined, seen: new Set() };
  for (const rule of candidates(cp, pr.g)) {
    const ig = rule.g & pr.g;
    const ia = rule.a & pr.a;
    const ip = rule.p & pr.p;
    const il = rule.l & l;
    if (!ig || !ia || !ip || !il) continue;
    const match = matchTaxa(rule, pr);
    if (match.kind === 'none') continue;
    touched.push(rule);
    if (match.kind === 'unknown') {
      if (match.why === 'several-groups') ambiguous.add(rule);
      else for (const t of rule.taxaList ?? []) blockers.add(t);
    } else {
      contributing.push(rule);
      addBeyond(beyond, ctx.beyond, rule, pr, gl, pl);
    }
    if (open === 0) continue;
    for (const g of bits(ig))
      for (const a of bits(ia & listings[g]!))
        for (const p of bits(ip)) {
          const r = row(g, a, p);
          if (match.kind === 'full') {
            const before = covered[r]!;
            if (before === l && !anyOpen(allow, r)) continue;
            const fresh = il & ~before;
            for (let e = 0; e < NE; e++) {
              const i = r * NE + e;
              allow[i] = rule.exceptions & (1 << e) ? allow[i]! | fresh : allow[i]! & ~il;
            }
            covered[r] = before | il;
            if (covered[r] === l && !anyOpen(allow, r)) open--;
          } else if (match.kind === 'unknown') maybe[r]! |= il;
          else
            for (const x of bits(il)) {
              const key = r * 8 + x;
              const entry = some.get(key) ?? { names: new Set<string>(), partly: new Map(), exceptions: 0 };
              for (const n of match.names) entry.names.add(n);
              for (const [t, subs] of match.partly) {
                const set = entry.partly.get(t) ?? new Set<string>();
                for (const x of subs) set.add(x);
                entry.partly.set(t, set);
              }
              entry.exceptions |= rule.exceptions;
              some.set(key, entry);
            }
        }
  }

  const uncovered: number[][] = [];
  const unknown: number[][] = [];
  type Partly = Map<string, { names: string[]; subspecies: string[]; cells: number[][] }>;
  const partly: Partly = new Map();
  const partlyUnknown: Partly = new Map();
  const extraExceptions = new Map<number, number[][]>();
  let [ok, present, notGranted] = [0, 0, 0];
  const push = <K>(map: Map<K, number[][]>, key: K, cell: number[]) => {
    const list = map.get(key);
    if (list) list.push(cell);
    else map.set(key, [cell]);
  };
  for (const g of gl)
    for (const a of al) {
      if (!(listings[g]! & (1 << a))) continue;
      for (const p of pl) {
        const r = row(g, a, p);
        for (const x of bits(l)) {
          present++;
          const bit = 1 << x;
          let m = -1;
          if (covered[r]! & bit) {
            m = 0;
            for (let e = 0; e < NE; e++) if (allow[r * NE + e]! & bit) m |= 1 << e;
          }
          const partial = some.get(r * 8 + x);
          if (m < 0 && partial && pr.taxaList?.every((t) => partial.names.has(t))) m = partial.exceptions;
          if (m >= 0) {
            const extra = m & ~pr.exceptions;
            if (extra) push(extraExceptions, extra, [g, a, p, x]);
            else {
              ok++;
              notGranted |= pr.exceptions & ~m;
            }
          } else if (partial) {
            const names = [...partial.names].sort();
            // Subspecies only count for taxa not prohibited entirely by another rule.
            const subspecies = [...partial.partly]
              .filter(([t]) => !partial.names.has(t))
              .flatMap(([, subs]) => [...subs])
              .sort();
            // The rest of the cell (the other taxa, the rest of the group) is judged by the rules
            // that touch it: a rule the tool cannot compare makes it unassessed, not a gap.
            const target = maybe[r]! & bit ? partlyUnknown : partly;
            const key = `${names.join('\n')}\t${subspecies.join('\n')}`;
            const entry = target.get(key) ?? { names, subspecies, cells: [] };
            entry.cells.push([g, a, p, x]);
            target.set(key, entry);
          } else if (maybe[r]! & bit) unknown.push([g, a, p, x]);
          else uncovered.push([g, a, p, x]);
        }
      }
    }
  if (present === 0)
    return {
      state: 'not-hosted',
      ...none,
      reason: 'no species of its groups is listed in its CITES appendices',
    };

  const gaps: ScopeGap[] = [
    ...compress(uncovered).map((r) => gap('not-prohibited', r, where)),
    ...[...partly.values()].flatMap(({ names, subspecies, cells }) =>
      compress(cells).map((r) => gap('not-prohibited', r, where, { covered: names, subspecies })),
    ),
    ...[...extraExceptions].flatMap(([extra, cells]) =>
      compress(cells).map((r) => gap('exception-not-allowed', r, where, { extra })),
    ),
    ...compress(unknown).map((r) => gap('not-comparable', r, where)),
    ...[...partlyUnknown.values()].flatMap(({ names, subspecies, cells }) =>
      compress(cells).map((r) => gap('not-comparable', r, where, { covered: names, subspecies })),
    ),
  ];
  const part = { gaps, contributing, touched };
  if (unknown.length || partlyUnknown.size)
    return { state: 'unknown', ...part, reason: unknownReason(blockers, ambiguous, pr) };
  if (uncovered.length || partly.size || extraExceptions.size)
    return {
      state: ok === 0 && partly.size === 0 && extraExceptions.size === 0 ? 'nothing' : 'some',
      ...part,
    };
  if (!beyond.g && !beyond.a && !beyond.p && !beyond.l && !beyond.whole && !notGranted)
    return { state: 'ok', ...part };
  const b = {
    ...(beyond.p ? { productTypes: PRODUCTS.list(beyond.p) } : {}),
    ...(beyond.a ? { citesAppendices: APPENDICES.list(beyond.a) } : {}),
    ...(beyond.l ? { listingTypes: LISTINGS.list(beyond.l) } : {}),
    ...(beyond.g ? { speciesGroups: GROUPS.list(beyond.g) } : {}),
    ...(beyond.whole ? { wholeGroups: GROUPS.list(beyond.whole) } : {}),
    ...(notGranted ? { exceptionsNotGranted: EXCEPTION_SET.list(notGranted) } : {}),
  };
  const allProducts = contributing.some((r) => r.p === PRODUCTS.all);
  // An extra group only partly beyond the edition (reptiles outside CITES) is named with its appendices.
  const groupLabels = GROUPS.list(beyond.g).map((name) => {
    const g = GROUPS.values.indexOf(name);
    let a = 0;
    for (const r of contributing) if (!r.taxa) a |= ctx.beyond.ofRule(r).byGroup[g]!.a;
    return a && a !== listings[g] ? `${name} [${APPENDICES.list(a).map(appendixName).join(', ')}]` : name;
  });
  // Where exactly: the blocks no provision asks for, with their appendices and listing types, so
  // that "more products (feathers)" beside a provision that asks for feathers reads as what it is
  // (feathers of CITES II birds).
  const beyondCells: number[][] = [];
  if (beyond.cells) for (let c = 0; c < SIZE; c++) if (beyond.cells[c]) beyondCells.push(cellBits(c));
  const blocks = compress(beyondCells);
  const asked = blocks.length
    ? `no provision asks for ${blocks
        .slice(0, MAX_BLOCKS)
        .map((r) => describeBlock(r, listings))
        .join(' | ')}${blocks.length > MAX_BLOCKS ? ` | and ${blocks.length - MAX_BLOCKS} more blocks` : ''}`
    : '';
  return {
    state: 'exceeds',
    ...part,
    beyond: { ...b, text: describeBeyond(b, { allProducts, groupLabels, asked }) },
  };
}

const MAX_BLOCKS = 3;

/** `bird (CITES II): feathers; all listing types` — the appendices named unless every one the group can be in. */
function describeBlock(r: Rect, listings: Listings): string {
  let possible = 0;
  for (const g of bits(r.g)) possible |= listings[g]!;
  return describeRect(r, { ...r, a: possible });
}

/** Adds what `rule` prohibits beyond the edition near the provision: its groups, or its products. */
interface BeyondAcc {
  g: number;
  a: number;
  p: number;
  l: number;
  whole: number;
  /** Cells beyond the edition near the provision (by cell index), allocated on first need. */
  cells: Uint8Array | undefined;
  /** Answers already added: rules with the same rectangle add the same (50,000 rules share a few hundred). */
  seen: Set<RuleBeyond>;
}

function addBeyond(
  acc: BeyondAcc,
  index: BeyondIndex,
  rule: CompiledRule,
  pr: CompiledScope,
  gl: readonly number[],
  pl: readonly number[],
): void {
  const b = index.ofRule(rule);
  if (!b.any || acc.seen.has(b)) return;
  acc.seen.add(b);
  for (const c of b.cells) {
    const [g, , p] = cellBits(c) as [number, number, number, number];
    if (!(pr.g & (1 << g) || pr.p & (1 << p))) continue;
    acc.cells ??= new Uint8Array(SIZE);
    acc.cells[c] = 1;
  }
  for (const g of gl) {
    const x = b.byGroup[g]!;
    acc.a |= x.a & ~pr.a;
    acc.p |= x.p & ~pr.p;
    acc.l |= x.l & ~pr.l;
  }
  for (const p of pl) acc.g |= b.byProduct[p]! & ~pr.g;
  acc.whole |= b.whole & pr.g;
}

function unknownReason(blockers: Set<string>, ambiguous: Set<CompiledRule>, pr: CompiledScope): string {
  const reasons: string[] = [];
  if (blockers.size)
    reasons.push(
      `rules naming higher taxa (${[...blockers].join(', ')}) cannot be compared with ${pr.taxaList ? `the provision's taxa (${pr.taxaList.join(', ')})` : 'whole species groups'}: taxa are compared by name, and only two-word (species) and three-word (subspecies) names are read as species`,
    );
  for (const r of ambiguous)
    reasons.push(
      `rule "${r.id}" names taxa (${(r.taxaList ?? []).join(', ')}) for ${r.g === GROUPS.all ? 'every species group (it has no speciesGroups)' : `several species groups (${GROUPS.list(r.g).join(', ')})`}: the tool has no taxonomy and cannot tell which group the taxa belong to; give the rule the species group of its taxa`,
    );
  return reasons.join('; ');
}

function gap(
  kind: ScopeGap['kind'],
  r: Rect,
  { within, listings, pr }: { within: Rect; listings: Listings; pr: CompiledScope },
  { extra = 0, covered, subspecies = [] }: { extra?: number; covered?: string[]; subspecies?: string[] } = {},
): ScopeGap {
  let possible = 0;
  for (const g of bits(r.g)) possible |= listings[g]!;
  const full = { ...within, a: within.a & possible };
  const taxa = pr.taxaList ? pr.taxaList.filter((t) => !covered?.includes(t)) : undefined;
  // The rest of a group other than the species prohibited; the rest of a species other than its
  // subspecies prohibited.
  const except = pr.taxaList ? subspecies : (covered ?? []);
  const exceptTaxa = except.length ? except : undefined;
  let text = describeRect(r, full, { ...(taxa ? { taxa } : {}), ...(exceptTaxa ? { exceptTaxa } : {}) });
  const exceptions = EXCEPTION_SET.list(extra);
  if (kind === 'exception-not-allowed')
    text += ` — allowed under ${exceptions.join(', ')}, which the provision does not allow (it allows ${EXCEPTION_SET.list(pr.exceptions).join(', ') || 'no exceptions'})`;
  if (kind === 'not-comparable') text += ' — cannot be compared';
  return {
    kind,
    speciesGroups: GROUPS.list(r.g),
    ...(r.a !== full.a ? { citesAppendices: APPENDICES.list(r.a) } : {}),
    ...(taxa ? { taxa } : {}),
    ...(exceptTaxa ? { exceptTaxa } : {}),
    productTypes: PRODUCTS.list(r.p),
    listingTypes: LISTINGS.list(r.l),
    ...(kind === 'exception-not-allowed' ? { exceptions } : {}),
    text,
  };
}

const short = (xs: readonly string[]) =>
  xs.length > 4 ? `${xs.slice(0, 3).join(', ')} and ${xs.length - 3} more` : xs.join(', ');

/** `more products (horn, scales and 7 more); more species groups (rhino); does not grant …` */
export function describeBeyond(
  b: Omit<Beyond, 'text'>,
  {
    allProducts = false,
    groupLabels,
    asked,
  }: {
    allProducts?: boolean;
    groupLabels?: string[];
    /** Where exactly it goes further: the blocks no provision of the edition asks for. */
    asked?: string;
  } = {},
): string {
  return [
    b.productTypes &&
      (allProducts
        ? 'all products, not only those the provision lists'
        : `more products (${short(b.productTypes)})`),
    b.citesAppendices && `more CITES appendices (${b.citesAppendices.map(appendixName).join(', ')})`,
    b.listingTypes && `more listing types (${b.listingTypes.join(', ')})`,
    b.speciesGroups && `more species groups (${(groupLabels ?? b.speciesGroups).join(', ')})`,
    asked,
    b.wholeGroups && `all of ${b.wholeGroups.join(', ')}, not only the taxa the framework names`,
    b.exceptionsNotGranted &&
      `does not grant ${b.exceptionsNotGranted.join(', ')}, which the provision would allow`,
  ]
    .filter(Boolean)
    .join('; ');
}
