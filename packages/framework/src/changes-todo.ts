/** What a company must do about one provision it does not fully meet, one step per line. */
import type { ProvisionResult } from './types.ts';

export type ChangeTodo = string[];

/** Rule ids named in one to-do line; the rest are counted ("and 496 more"). */
const MAX_RULES = 5;

/**
 * @example todoFor(result) // ['Prohibit rhino: medicine, trophies; listing types: sale, auction (extend rule rhino-horn or add a rule)']
 */
export function todoFor(p: ProvisionResult): ChangeTodo {
  const out: string[] = [];
  const rules = p.rules.map((r) => r.id);
  // At most MAX_RULES ids: a policy of thousands of rules must not make one line of all of them.
  const named =
    rules.length > MAX_RULES
      ? `${rules.slice(0, MAX_RULES - 1).join(', ')} and ${rules.length - MAX_RULES + 1} more,`
      : rules.join(', ');
  const where = rules.length
    ? ` (extend rule${rules.length > 1 ? 's' : ''} ${named} or add a rule)`
    : ' (add a rule)';
  for (const g of p.missing?.scope ?? []) {
    const what = g.text.split(' — ')[0];
    if (g.kind === 'not-prohibited') out.push(`Prohibit ${what}${where}`);
    else if (g.kind === 'exception-not-allowed')
      out.push(`Stop allowing ${(g.exceptions ?? []).join(', ')} for ${what}`);
    else if (p.reason?.includes('no "rules"')) {
      out.push('Describe what the platform prohibits (a "rules" list) so this provision can be assessed');
      break;
    } else
      out.push(`Name species groups, or exactly the provision's taxa, instead of higher taxa for ${what}`);
  }
  for (const m of p.missing?.measures ?? [])
    out.push(`Put ${m.measure} in place${m.speciesGroups ? ` for ${m.speciesGroups.join(', ')}` : ''}`);
  if (p.verdict === 'unassessed' && p.reason?.includes('no "measures"'))
    out.push('Describe the platform\'s measures (a "measures" list) so this provision can be assessed');
  return out;
}
