/**
 * The verdict of one provision: its scope half (assess-scope.ts) and its measures half, combined.
 * Verdicts come from comparing sets, never from anything typed in, except a not-applicable
 * declaration, which carries the company's reason.
 */
import {
  type AssessContext,
  assessScope,
  type Listings,
  type PartState,
  type ScopePart,
} from './assess-scope.ts';
import type { CompiledPolicy, CompiledRule } from './policy-index.ts';
import type {
  Beyond,
  CitesAppendix,
  FrameworkEdition,
  MeasureGap,
  Provision,
  ScopeGap,
  Verdict,
} from './types.ts';
import { APPENDICES, GROUPS, LISTINGS, MEASURE_SET } from './vocabulary.ts';

export type { AssessContext, Listings };

export interface Assessment {
  verdict: Verdict;
  message: string;
  reason?: string;
  missing?: { scope: ScopeGap[]; measures: MeasureGap[] };
  beyond?: Beyond;
  /** Rules that prohibit part of the scope. */
  contributing: CompiledRule[];
  /** Rules that overlap the scope at all. */
  touched: CompiledRule[];
}

/** The edition's CITES facts as an appendix mask per species group (every appendix when not stated). */
export function listingsOf(edition: FrameworkEdition): Listings {
  const groups = edition.citesListings?.groups ?? {};
  return GROUPS.values.map((g) => {
    const a = groups[g];
    return a ? APPENDICES.mask(a as CitesAppendix[]) : APPENDICES.all;
  });
}

interface MeasurePart {
  state: PartState | 'none';
  gaps: MeasureGap[];
  reason?: string;
}

function assessMeasures(provision: Provision, cp: CompiledPolicy): MeasurePart {
  const required = provision.measures ?? [];
  if (!required.length) return { state: 'none', gaps: [] };
  if (!cp.measures)
    return {
      state: 'unknown',
      gaps: [],
      reason: `the policy does not describe its measures (it has no "measures"); required: ${required.join(', ')}`,
    };
  const needed = provision.scope ? GROUPS.mask(provision.scope.speciesGroups) : GROUPS.all;
  const gaps: MeasureGap[] = [];
  let present = 0;
  for (const m of MEASURE_SET.list(MEASURE_SET.mask(required))) {
    const have = cp.measures.get(m) ?? 0;
    const lack = needed & ~have;
    if (lack !== needed) present++;
    if (!lack) continue;
    gaps.push(
      have
        ? {
            measure: m,
            speciesGroups: GROUPS.list(lack),
            text: `${m} is not in place for ${GROUPS.list(lack).join(', ')}`,
          }
        : { measure: m, text: `${m} is not in place` },
    );
  }
  return { state: gaps.length === 0 ? 'ok' : present === 0 ? 'nothing' : 'some', gaps };
}

/**
 * @example
 * const ctx = { listings: listingsOf(edition), beyond: beyondIndex(edition, cp, listingsOf(edition)) };
 * assessProvision(edition.provisions[0], compilePolicy(policy), ctx).verdict; // 'partial'
 */
export function assessProvision(provision: Provision, cp: CompiledPolicy, ctx: AssessContext): Assessment {
  const scope = assessScope(provision, cp, ctx);
  const measures = assessMeasures(provision, cp);
  const base = { contributing: scope.contributing, touched: scope.touched };
  const na = cp.notApplicable.get(provision.id);
  if (na)
    return { ...base, verdict: 'not-applicable', reason: na.reason, message: `not applicable: ${na.reason}` };
  const parts: (ScopePart | MeasurePart)[] = [scope, measures].filter(
    (p) => p.state !== 'none' && p.state !== 'not-hosted',
  );
  if (parts.length === 0) {
    const reason =
      scope.reason ??
      `the platform hosts none of the provision's listing types (it hosts ${LISTINGS.list(cp.hosted).join(', ')})`;
    return { ...base, verdict: 'not-applicable', reason, message: `not applicable: ${reason}` };
  }
  const missing = { scope: scope.gaps, measures: measures.gaps };
  if (parts.some((p) => p.state === 'unknown')) {
    const reason = parts
      .map((p) => p.reason)
      .filter(Boolean)
      .join('; ');
    return { ...base, verdict: 'unassessed', reason, message: `cannot be assessed: ${reason}`, missing };
  }
  if (parts.every((p) => p.state === 'ok' || p.state === 'exceeds')) {
    const ids = scope.contributing.map((r) => r.id);
    const rules =
      ids.length > 5 ? `${ids.slice(0, 4).join(', ')} and ${ids.length - 4} more` : ids.join(', ');
    const by = [
      rules && `rules ${rules}`,
      provision.measures?.length && `measures ${provision.measures.join(', ')}`,
    ]
      .filter(Boolean)
      .join(' and ');
    if (scope.state === 'exceeds' && scope.beyond)
      return {
        ...base,
        verdict: 'exceeds',
        beyond: scope.beyond,
        message: `covered by ${by}, and goes further: ${scope.beyond.text}`,
      };
    return { ...base, verdict: 'covers', message: `covered by ${by}` };
  }
  const what = [...scope.gaps.map((g) => g.text), ...measures.gaps.map((g) => g.text)].join(' | ');
  if (parts.every((p) => p.state === 'nothing'))
    return { ...base, verdict: 'missing', missing, message: `nothing in the policy meets it: ${what}` };
  return { ...base, verdict: 'partial', missing, message: `missing: ${what}` };
}
