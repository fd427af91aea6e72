/**
 * What a company must change to align with a newer edition: its policy diffed against both
 * editions, every provision of the newer one it does not fully meet (must first) with the steps to
 * take, and its declarations that point at withdrawn provisions.
 */
import { type ChangeTodo, todoFor } from './changes-todo.ts';
import { diffPolicy } from './diff.ts';
import type { CompanyPolicy, EditionChange, FrameworkEdition, PolicyImpact } from './types.ts';
import { LISTING_TYPES } from './vocabulary.ts';

/** Whether a change concerns the platform: listing types it does not host do not. */
function concerns(c: EditionChange, hosted: ReadonlySet<string>): boolean {
  if (c.rule === 'listing-types-added') return (c.added ?? []).some((l) => hosted.has(l));
  if (c.rule === 'listing-types-removed') return (c.removed ?? []).some((l) => hosted.has(l));
  return true;
}

export function policyImpact(
  from: FrameworkEdition,
  to: FrameworkEdition,
  changes: EditionChange[],
  { policy, today, file }: { policy: CompanyPolicy; today: string; file?: string },
): PolicyImpact {
  const hosted = new Set<string>(policy.platform?.listingTypes ?? LISTING_TYPES);
  const before = diffPolicy(from, policy, { today });
  const after = diffPolicy(to, policy, { today });
  const verdictBefore = new Map(before.provisions.map((p) => [p.id, p.verdict]));
  const fromIds = new Set(from.provisions.filter((p) => p.status !== 'withdrawn').map((p) => p.id));
  // Waived provisions are listed too (with their waiver): a waiver runs out, the obligation does not.
  const actions = after.provisions
    .filter((p) => ['partial', 'missing', 'unassessed'].includes(p.verdict))
    .map((p) => {
      const rules = [
        ...new Set(
          changes
            .filter((c) => c.provision === p.id && c.level !== 'editorial' && concerns(c, hosted))
            .map((c) => c.rule),
        ),
      ];
      const prev = verdictBefore.get(p.id);
      const todo: ChangeTodo = todoFor(p);
      return {
        provision: p.id,
        title: p.title,
        level: p.level,
        ...(prev ? { verdictFrom: prev } : {}),
        verdictTo: p.verdict,
        cause: !fromIds.has(p.id)
          ? ('new-provision' as const)
          : rules.length
            ? ('changed-provision' as const)
            : ('outstanding' as const),
        changes: rules,
        todo,
        ...(p.waiver ? { waiver: p.waiver } : {}),
      };
    })
    .sort((a, b) =>
      a.level === b.level ? a.provision.localeCompare(b.provision) : a.level === 'must' ? -1 : 1,
    );
  const withdrawn = new Map(to.provisions.filter((p) => p.status === 'withdrawn').map((p) => [p.id, p]));
  const obsolete: PolicyImpact['obsolete'] = [];
  const sections = [
    ['mapping', 'mappings', policy.mappings],
    ['waiver', 'waivers', policy.waivers],
    ['not-applicable', 'notApplicable', policy.notApplicable],
  ] as const;
  for (const [what, key, entries] of sections)
    entries?.forEach((e, i) => {
      const p = withdrawn.get(e.provision);
      if (!p) return;
      const instead = p.replacedBy?.length
        ? `; point it at ${p.replacedBy.join(', ')} instead`
        : '; remove it';
      obsolete.push({
        provision: p.id,
        what,
        ...(p.replacedBy ? { replacedBy: p.replacedBy } : {}),
        message: `the ${what} for ${p.id} refers to a provision withdrawn in ${to.version}${instead}`,
        pointer: `/${key}/${i}`,
      });
    });
  return {
    company: policy.company,
    ...(file ? { file } : {}),
    scoreFrom: before.summary.score,
    scoreTo: after.summary.score,
    actions,
    obsolete,
  };
}
