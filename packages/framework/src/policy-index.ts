/**
 * A company policy compiled for the diff: rules as rectangles indexed by species group (so a
 * provision only looks at the rules that can touch it), measures as species-group masks, and the
 * declarations (mappings, not-applicable, waivers) by provision id.
 */
import { type CompiledScope, compileScope } from './scope.ts';
import type { CompanyPolicy, Evidence, Measure } from './types.ts';
import { bits, GROUPS, LISTINGS } from './vocabulary.ts';

export interface CompiledRule extends CompiledScope {
  id: string;
  pointer: string;
  /** Position in the policy's rule list (for stable ordering). */
  index: number;
}

export interface CompiledPolicy {
  policy: CompanyPolicy;
  /** Undefined when the policy has no `rules` key (it does not describe prohibitions). */
  rules?: CompiledRule[];
  /** Rule indices per species-group bit. */
  byGroup: number[][];
  /** Species groups each measure is in place for; undefined when there is no `measures` key. */
  measures?: Map<Measure, number>;
  /** Listing types the platform hosts. */
  hosted: number;
  notApplicable: Map<string, { reason: string; pointer: string }>;
  waivers: Map<string, { reason: string; expires: string; approvedBy?: string; pointer: string }>;
  mappings: Map<string, { rules: string[]; measures: Measure[]; evidence: Evidence[]; pointer: string }>;
  ruleById: Map<string, CompiledRule>;
}

export function compilePolicy(policy: CompanyPolicy): CompiledPolicy {
  const byGroup: number[][] = GROUPS.values.map(() => []);
  const rules = policy.rules?.map((r, index): CompiledRule => {
    const s = compileScope(r.scope);
    const compiled: CompiledRule = {
      g: s.g,
      a: s.a,
      p: s.p,
      l: s.l,
      exceptions: s.exceptions,
      taxa: s.taxa,
      taxaList: s.taxaList,
      id: r.id,
      pointer: `/rules/${index}`,
      index,
    };
    for (const g of bits(compiled.g)) byGroup[g]!.push(index);
    return compiled;
  });
  let measures: Map<Measure, number> | undefined;
  if (policy.measures) {
    measures = new Map();
    for (const m of policy.measures)
      measures.set(m.measure, (measures.get(m.measure) ?? 0) | GROUPS.mask(m.speciesGroups));
  }
  const notApplicable = new Map<string, { reason: string; pointer: string }>();
  policy.notApplicable?.forEach((n, i) => {
    if (!notApplicable.has(n.provision))
      notApplicable.set(n.provision, { reason: n.reason, pointer: `/notApplicable/${i}` });
  });
  const waivers: CompiledPolicy['waivers'] = new Map();
  policy.waivers?.forEach((w, i) => {
    if (!waivers.has(w.provision))
      waivers.set(w.provision, {
        reason: w.reason,
        expires: w.expires,
        ...(w.approvedBy ? { approvedBy: w.approvedBy } : {}),
        pointer: `/waivers/${i}`,
      });
  });
  const mappings: CompiledPolicy['mappings'] = new Map();
  policy.mappings?.forEach((m, i) => {
    const prev = mappings.get(m.provision);
    const entry = prev ?? { rules: [], measures: [], evidence: [], pointer: `/mappings/${i}` };
    entry.rules.push(...(m.rules ?? []));
    entry.measures.push(...(m.measures ?? []));
    if (m.evidence) entry.evidence.push(m.evidence);
    mappings.set(m.provision, entry);
  });
  return {
    policy,
    ...(rules ? { rules } : {}),
    byGroup,
    ...(measures ? { measures } : {}),
    hosted: LISTINGS.mask(policy.platform?.listingTypes),
    notApplicable,
    waivers,
    mappings,
    ruleById: new Map((rules ?? []).map((r) => [r.id, r])),
  };
}
