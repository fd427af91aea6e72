/**
 * `diffPolicy`: a company policy against one edition → the alignment report
 * (`schemas/alignment-report.schema.json`): a verdict per provision, the score, and findings.
 */
import { compareEditionIds } from '@ewto/schemas';
import { assessProvision, listingsOf } from './assess.ts';
import { beyondIndex } from './beyond.ts';
import { type CompiledPolicy, compilePolicy } from './policy-index.ts';
import { SCORE_METHOD, scoreOf, WEIGHTS } from './score.ts';
import type {
  AlignmentReport,
  CompanyPolicy,
  Finding,
  FrameworkEdition,
  ProvisionResult,
  Verdict,
} from './types.ts';

export interface DiffOptions {
  /** The day waivers are checked against, YYYY-MM-DD (the CLI passes the real date). */
  today: string;
  /** The file the policy was read from, as the user gave it (goes into `policy.file`). */
  file?: string;
}

const CREDIT: Record<Verdict, number> = {
  covers: 1,
  exceeds: 1,
  partial: 0.5,
  missing: 0,
  unassessed: 0,
  'not-applicable': 0,
};

/**
 * @example
 * const report = diffPolicy(edition, policy, { today: '2026-05-01' });
 * report.summary.score; // 0-100
 * report.provisions.filter((p) => p.verdict === 'partial').map((p) => p.missing);
 */
export function diffPolicy(
  edition: FrameworkEdition,
  policy: CompanyPolicy,
  options: DiffOptions,
): AlignmentReport {
  const { today } = options;
  const cp = compilePolicy(policy);
  const listings = listingsOf(edition);
  const ctx = { listings, beyond: beyondIndex(edition, cp, listings) };
  const findings: Finding[] = [];
  const provisions: ProvisionResult[] = [];
  for (const p of edition.provisions) {
    if (p.status === 'withdrawn') continue;
    const a = assessProvision(p, cp, ctx);
    const result: ProvisionResult = {
      id: p.id,
      title: p.title,
      level: p.level,
      category: p.category,
      status: p.status,
      verdict: a.verdict,
      message: a.message,
      ...(a.reason ? { reason: a.reason } : {}),
      ...(a.missing ? { missing: a.missing } : {}),
      ...(a.beyond ? { beyond: a.beyond } : {}),
      rules: a.contributing.map((r) => ({ id: r.id, pointer: r.pointer })),
      weight: WEIGHTS[p.level],
      credit: CREDIT[a.verdict],
      counted: a.verdict !== 'not-applicable',
      ...(p.status === 'deprecated' && p.replacedBy ? { replacedBy: p.replacedBy } : {}),
    };
    const m = cp.mappings.get(p.id);
    if (m) {
      const contradictions = contradictionsOf(p.id, m.rules, a, cp, !!p.scope);
      result.mapping = {
        rules: m.rules,
        measures: m.measures,
        ...(m.evidence.length ? { evidence: m.evidence } : {}),
        contradicted: contradictions.length > 0,
        contradictions,
        pointer: m.pointer,
      };
      for (const c of contradictions)
        findings.push({
          severity: 'warning',
          code: 'mapping-contradicted',
          message: c,
          provision: p.id,
          pointer: m.pointer,
        });
      if (cp.notApplicable.has(p.id))
        findings.push({
          severity: 'warning',
          code: 'mapped-and-not-applicable',
          message: `${p.id} is both mapped to rules or measures and declared not applicable`,
          provision: p.id,
          pointer: m.pointer,
        });
    }
    const w = cp.waivers.get(p.id);
    if (w) {
      const ref = {
        reason: w.reason,
        expires: w.expires,
        ...(w.approvedBy ? { approvedBy: w.approvedBy } : {}),
        pointer: w.pointer,
      };
      // A not-applicable provision does not count anyway: a waiver on it changes nothing, so the
      // report neither attaches nor counts it.
      if (a.verdict === 'not-applicable')
        findings.push({
          severity: 'note',
          code: 'waiver-on-not-applicable',
          message: `the waiver for ${p.id} has no effect: the provision is not applicable`,
          provision: p.id,
          pointer: w.pointer,
        });
      else if (w.expires >= today) {
        result.waiver = ref;
        result.counted = false;
      } else {
        result.expiredWaiver = ref;
        findings.push({
          severity: 'warning',
          code: 'waiver-expired',
          message: `the waiver for ${p.id} expired on ${w.expires} and no longer counts`,
          provision: p.id,
          pointer: `${w.pointer}/expires`,
        });
      }
    }
    provisions.push(result);
  }
  findings.push(...referenceFindings(edition, cp));
  if (policy.framework && policy.framework !== edition.version)
    findings.push({
      severity: 'note',
      code: 'other-edition',
      // `changes` is suggested only towards a newer edition: that is what the policy must catch up with.
      message:
        compareEditionIds(policy.framework, edition.version) < 0
          ? `the policy was written against edition ${policy.framework} and is assessed against the newer ${edition.version}; \`ewto policy changes ${policy.framework} ${edition.version} --policy <file>\` lists what changed`
          : `the policy was written against edition ${policy.framework} and is assessed against the older ${edition.version}`,
      pointer: '/framework',
    });

  const counts = { covers: 0, exceeds: 0, partial: 0, missing: 0, 'not-applicable': 0, unassessed: 0 };
  for (const r of provisions) counts[r.verdict]++;
  return {
    reportVersion: 1,
    framework: {
      version: edition.version,
      title: edition.title,
      released: edition.released,
      provenance: edition.provenance,
    },
    policy: {
      company: policy.company,
      ...(policy.policyVersion ? { policyVersion: policy.policyVersion } : {}),
      ...(policy.framework ? { framework: policy.framework } : {}),
      ...(options.file ? { file: options.file } : {}),
    },
    assessedOn: today,
    summary: {
      score: scoreOf(provisions),
      method: SCORE_METHOD,
      weights: { ...WEIGHTS },
      counts,
      provisions: provisions.length,
      waived: provisions.filter((r) => r.waiver).length,
      mustGaps: provisions.filter(
        (r) => r.level === 'must' && !r.waiver && ['partial', 'missing', 'unassessed'].includes(r.verdict),
      ).length,
      contradictedMappings: provisions.filter((r) => r.mapping?.contradicted).length,
    },
    provisions,
    withdrawn: edition.provisions
      .filter((p) => p.status === 'withdrawn')
      .map((p) => ({ id: p.id, title: p.title, ...(p.replacedBy ? { replacedBy: p.replacedBy } : {}) })),
    findings,
  };
}

function contradictionsOf(
  id: string,
  rules: string[],
  a: ReturnType<typeof assessProvision>,
  cp: CompiledPolicy,
  hasScope: boolean,
): string[] {
  const out: string[] = [];
  for (const r of rules) {
    if (!cp.ruleById.has(r)) continue;
    if (!hasScope)
      out.push(`rule "${r}" is mapped to ${id}, which prohibits nothing (it only requires measures)`);
    else if (!a.touched.some((t) => t.id === r))
      out.push(`rule "${r}" is mapped to ${id} but prohibits nothing in its scope`);
  }
  if (a.verdict === 'partial' || a.verdict === 'missing') {
    const gaps = [...(a.missing?.scope ?? []), ...(a.missing?.measures ?? [])].map((g) => g.text);
    out.push(`the mapping claims ${id} is implemented, but the scopes say ${a.verdict}: ${gaps.join(' | ')}`);
  }
  return out;
}

/** Declarations that point at provisions this edition withdrew or does not have. */
function referenceFindings(edition: FrameworkEdition, cp: CompiledPolicy): Finding[] {
  const byId = new Map(edition.provisions.map((p) => [p.id, p]));
  const out: Finding[] = [];
  const sections = [
    ['mapping', cp.mappings],
    ['not-applicable declaration', cp.notApplicable],
    ['waiver', cp.waivers],
  ] as const;
  for (const [what, entries] of sections)
    for (const [id, { pointer }] of entries) {
      const p = byId.get(id);
      if (!p)
        out.push({
          severity: 'note',
          code: 'not-in-edition',
          message: `the ${what} for ${id} is ignored: edition ${edition.version} has no such provision`,
          provision: id,
          pointer,
        });
      else if (p.status === 'withdrawn')
        out.push({
          severity: 'warning',
          code: 'refers-to-withdrawn',
          message: `the ${what} for ${id} is ignored: ${id} is withdrawn in edition ${edition.version}${p.replacedBy ? `, replaced by ${p.replacedBy.join(', ')}` : ''}`,
          provision: id,
          pointer,
        });
    }
  return out;
}
