/** The alignment report as text for a terminal (coloured when asked). */

import { formatScore } from '../score.ts';
import type { AlignmentReport, ProvisionResult } from '../types.ts';
import { style } from './style.ts';

export interface TextOptions {
  /** ANSI colours (the CLI turns them on for a TTY without NO_COLOR). */
  colour?: boolean;
}

/**
 * @example process.stdout.write(formatReportText(report, { colour: process.stdout.isTTY }));
 */
export function formatReportText(report: AlignmentReport, { colour = false }: TextOptions = {}): string {
  const s = style(colour);
  const { summary: sum, framework: fw, policy } = report;
  const lines: string[] = [];
  lines.push(
    s.bold(`${policy.company} against framework ${fw.version}`) + s.dim(` — ${fw.title} (${fw.provenance})`),
    s.dim(`assessed on ${report.assessedOn}${policy.file ? ` · ${policy.file}` : ''}`),
    '',
    `${s.bold(`score ${formatScore(sum.score)}/100`)}  ${(
      ['covers', 'exceeds', 'partial', 'missing', 'not-applicable', 'unassessed'] as const
    )
      .map((v) => s.verdict(v, `${sum.counts[v]} ${v}`))
      .join(' · ')}${sum.waived ? ` · ${sum.waived} waived` : ''}`,
    '',
  );
  const width = Math.max(...report.provisions.map((p) => p.id.length), 7);
  for (const p of report.provisions) lines.push(...provisionLines(p, width, s));
  if (report.withdrawn.length) {
    lines.push('', s.dim('withdrawn (not assessed):'));
    for (const w of report.withdrawn)
      lines.push(
        s.dim(`  ${w.id.padEnd(width)}  ${w.title}${w.replacedBy ? ` → ${w.replacedBy.join(', ')}` : ''}`),
      );
  }
  if (report.findings.length) {
    lines.push('', s.bold('findings:'));
    for (const f of report.findings) {
      const sev =
        f.severity === 'warning'
          ? s.yellow(f.severity)
          : f.severity === 'error'
            ? s.red(f.severity)
            : s.dim(f.severity);
      lines.push(`  ${sev}  ${f.message}${f.pointer ? s.dim(` (at ${f.pointer})`) : ''}`);
    }
  }
  lines.push('', s.dim(`score method: ${sum.method}`), '');
  return lines.join('\n');
}

function provisionLines(p: ProvisionResult, width: number, s: ReturnType<typeof style>): string[] {
  const indent = ' '.repeat(width + 4);
  const tags = [
    p.status === 'deprecated' ? 'deprecated' : '',
    p.waiver ? `waived until ${p.waiver.expires}` : '',
    p.expiredWaiver ? `waiver expired ${p.expiredWaiver.expires}` : '',
  ].filter(Boolean);
  const out = [
    `  ${s.bold(p.id.padEnd(width))}  ${p.level.padEnd(6)}  ${s.verdict(p.verdict, p.verdict.padEnd(14))}  ${p.title}${tags.length ? s.dim(` [${tags.join(', ')}]`) : ''}`,
  ];
  const detail = (label: string, text: string) => out.push(`${indent}${s.dim(label)} ${text}`);
  if (p.verdict === 'exceeds' && p.beyond) detail('goes further:', p.beyond.text);
  if (p.reason) detail(p.verdict === 'not-applicable' ? 'reason:' : 'why:', p.reason);
  for (const g of p.missing?.scope ?? [])
    detail(g.kind === 'not-comparable' ? 'unclear:' : 'missing:', g.text);
  for (const m of p.missing?.measures ?? []) detail('missing:', m.text);
  if (p.mapping?.contradicted)
    for (const c of p.mapping.contradictions) out.push(`${indent}${s.yellow('mapping contradicted:')} ${c}`);
  if (p.waiver) detail('waiver:', `${p.waiver.reason} (until ${p.waiver.expires})`);
  if (p.expiredWaiver)
    detail('expired waiver:', `${p.expiredWaiver.reason} (ended ${p.expiredWaiver.expires})`);
  return out;
}
