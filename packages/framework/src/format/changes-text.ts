/** Edition changes as text for a terminal. */
import { compareEditionIds } from '@ewto/schemas';
import { formatScore } from '../score.ts';
import type { EditionChanges } from '../types.ts';
import { style } from './style.ts';

export function formatChangesText(c: EditionChanges, { colour = false }: { colour?: boolean } = {}): string {
  const s = style(colour);
  const lines = [
    s.bold(`framework ${c.from.version} → ${c.to.version}`) +
      (compareEditionIds(c.from.version, c.to.version) > 0 ? ' (backwards, to an older edition)' : '') +
      `: ${s.red(`${c.summary.breaking} breaking`)}, ${s.green(`${c.summary.relaxing} relaxing`)}, ${c.summary.editorial} editorial`,
  ];
  const width = Math.max(0, ...c.changes.map((x) => x.rule.length));
  for (const level of ['breaking', 'relaxing', 'editorial'] as const) {
    const list = c.changes.filter((x) => x.level === level);
    if (!list.length) continue;
    const head = level === 'breaking' ? s.red(level) : level === 'relaxing' ? s.green(level) : s.dim(level);
    lines.push('', head);
    for (const x of list)
      lines.push(`  ${x.rule.padEnd(width)}  ${(x.provision ?? '').padEnd(8)}  ${x.message}`);
  }
  if (c.policy) {
    const p = c.policy;
    lines.push('', s.bold(`${p.company}: score ${formatScore(p.scoreFrom)} → ${formatScore(p.scoreTo)}`));
    if (!p.actions.length)
      lines.push('  nothing to change: the policy meets every provision of the newer edition');
    else lines.push(`to align with ${c.to.version}:`);
    for (const a of p.actions) {
      const was = a.verdictFrom && a.verdictFrom !== a.verdictTo ? `${a.verdictFrom} → ` : '';
      lines.push(
        `  ${s.bold(a.provision)}  ${a.level.padEnd(6)}  ${s.verdict(a.verdictTo, `${was}${a.verdictTo}`)}  ${a.title}  ${s.dim(`(${a.cause}${a.changes.length ? `: ${a.changes.join(', ')}` : ''})`)}${a.waiver ? ` ${s.yellow(`(waived until ${a.waiver.expires})`)}` : ''}`,
      );
      for (const t of a.todo) lines.push(`      - ${t}`);
    }
    if (p.obsolete.length) {
      lines.push('', 'obsolete references:');
      for (const o of p.obsolete) lines.push(`  ${o.pointer}: ${o.message}`);
    }
  }
  lines.push('');
  return lines.join('\n');
}
