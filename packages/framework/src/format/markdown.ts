/** Markdown for pull requests and wiki pages: the alignment report and the edition changes. */
import { compareEditionIds } from '@ewto/schemas';
import { formatScore } from '../score.ts';
import type { AlignmentReport, EditionChanges, Verdict } from '../types.ts';

const ICON: Record<Verdict, string> = {
  covers: '✅',
  exceeds: '🌟',
  partial: '🟡',
  missing: '❌',
  'not-applicable': '➖',
  unassessed: '❔',
};

const cell = (s: string) => s.replaceAll('|', '\\|').replaceAll('\n', ' ');

export function formatReportMarkdown(report: AlignmentReport): string {
  const { summary: sum, framework: fw, policy } = report;
  const out: string[] = [
    `# Framework alignment: ${policy.company} × edition ${fw.version}`,
    '',
    `**Score ${formatScore(sum.score)} / 100** — ${Object.entries(sum.counts)
      .map(([v, n]) => `${n} ${v}`)
      .join(', ')}${sum.waived ? `; ${sum.waived} waived` : ''}.`,
    '',
    `_${fw.title}, ${fw.released} (${fw.provenance}). Assessed on ${report.assessedOn}._`,
    '',
    '| Provision | Level | Verdict | Notes |',
    '|---|---|---|---|',
  ];
  for (const p of report.provisions) {
    const notes = [
      p.verdict === 'exceeds' && p.beyond ? `goes further: ${p.beyond.text}` : '',
      p.reason ?? '',
      p.waiver ? `waived until ${p.waiver.expires}: ${p.waiver.reason}` : '',
      p.expiredWaiver ? `waiver expired ${p.expiredWaiver.expires}` : '',
      p.mapping?.contradicted ? '⚠️ mapping contradicted' : '',
    ].filter(Boolean);
    out.push(
      `| **${p.id}** ${cell(p.title)}${p.status === 'deprecated' ? ' _(deprecated)_' : ''} | ${p.level} | ${ICON[p.verdict]} ${p.verdict} | ${cell(notes.join('; '))} |`,
    );
  }
  const gaps = report.provisions.filter(
    (p) => p.missing && (p.missing.scope.length || p.missing.measures.length),
  );
  if (gaps.length) {
    out.push('', '## What is missing', '');
    for (const p of gaps) {
      out.push(`### ${p.id} ${p.title} (${p.level}, ${p.verdict})`, '');
      for (const g of p.missing!.scope) out.push(`- ${g.text}`);
      for (const m of p.missing!.measures) out.push(`- ${m.text}`);
      out.push('');
    }
  }
  if (report.findings.length) {
    out.push(report.findings.length && !gaps.length ? '' : '', '## Findings', '');
    for (const f of report.findings) out.push(`- **${f.severity}** (${f.code}): ${f.message}`);
  }
  if (report.withdrawn.length)
    out.push(
      '',
      `Withdrawn in this edition: ${report.withdrawn.map((w) => `${w.id}${w.replacedBy ? ` (→ ${w.replacedBy.join(', ')})` : ''}`).join(', ')}.`,
    );
  out.push('', `<sub>Score method: ${sum.method}.</sub>`, '');
  return out.join('\n');
}

export function formatChangesMarkdown(c: EditionChanges): string {
  const out: string[] = [
    `# Framework ${c.from.version} → ${c.to.version}${compareEditionIds(c.from.version, c.to.version) > 0 ? ' (backwards, to an older edition)' : ''}`,
    '',
    `**${c.summary.breaking} breaking, ${c.summary.relaxing} relaxing, ${c.summary.editorial} editorial.**`,
    '',
    '| Level | Rule | Provision | Change |',
    '|---|---|---|---|',
    ...c.changes.map((x) => `| ${x.level} | \`${x.rule}\` | ${x.provision ?? '—'} | ${cell(x.message)} |`),
  ];
  if (c.policy) {
    const p = c.policy;
    out.push('', `## ${p.company}: score ${formatScore(p.scoreFrom)} → ${formatScore(p.scoreTo)}`, '');
    if (!p.actions.length)
      out.push('Nothing to change: the policy meets every provision of the newer edition.');
    for (const a of p.actions) {
      out.push(
        `### ${a.provision} ${a.title} (${a.level}, ${a.verdictFrom && a.verdictFrom !== a.verdictTo ? `${a.verdictFrom} → ` : ''}${a.verdictTo}, ${a.cause}${a.waiver ? `, waived until ${a.waiver.expires}` : ''})`,
        '',
        ...(a.waiver
          ? [`_Waived until ${a.waiver.expires}: ${a.waiver.reason} It counts again from the next day._`, '']
          : []),
        ...a.todo.map((t) => `- [ ] ${t}`),
        '',
      );
    }
    if (p.obsolete.length) {
      out.push('### Obsolete references', '');
      for (const o of p.obsolete) out.push(`- \`${o.pointer}\`: ${o.message}`);
    }
  }
  out.push('');
  return out.join('\n');
}
