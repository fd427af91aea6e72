/**
 * JUnit XML for CI dashboards: one testcase per provision; partial and missing provisions fail,
 * not-applicable, waived and unassessed ones are skipped with the reason.
 */
import type { AlignmentReport, ProvisionResult } from '../types.ts';

const xml = (s: string) =>
  s
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

function outcome(
  p: ProvisionResult,
): { tag: 'failure' | 'skipped'; message: string; body?: string } | undefined {
  const detail = [
    ...(p.missing?.scope ?? []).map((g) => g.text),
    ...(p.missing?.measures ?? []).map((m) => m.text),
  ];
  if (p.waiver)
    return { tag: 'skipped', message: `${p.verdict}, waived until ${p.waiver.expires}: ${p.waiver.reason}` };
  if (p.verdict === 'not-applicable') return { tag: 'skipped', message: `not applicable: ${p.reason ?? ''}` };
  if (p.verdict === 'unassessed') return { tag: 'skipped', message: `unassessed: ${p.reason ?? ''}` };
  if (p.verdict === 'partial' || p.verdict === 'missing')
    return { tag: 'failure', message: `${p.verdict}: ${detail.join('; ')}`, body: detail.join('\n') };
  return undefined;
}

export function formatReportJunit(report: AlignmentReport): string {
  const cases = report.provisions.map((p) => ({ p, o: outcome(p) }));
  const failures = cases.filter((c) => c.o?.tag === 'failure').length;
  const skipped = cases.filter((c) => c.o?.tag === 'skipped').length;
  const name = `${report.policy.company} against framework ${report.framework.version}`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="ewto policy diff" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}">`,
    `  <testsuite name="${xml(name)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}">`,
    '    <properties>',
    `      <property name="framework" value="${xml(report.framework.version)}"/>`,
    `      <property name="score" value="${report.summary.score}"/>`,
    `      <property name="assessedOn" value="${report.assessedOn}"/>`,
    '    </properties>',
  ];
  for (const { p, o } of cases) {
    const open = `    <testcase classname="framework.${xml(report.framework.version)}.${p.category}" name="${xml(`${p.id} ${p.title} (${p.level})`)}"`;
    if (!o) lines.push(`${open}/>`);
    else if (o.tag === 'skipped')
      lines.push(`${open}>`, `      <skipped message="${xml(o.message)}"/>`, '    </testcase>');
    else
      lines.push(
        `${open}>`,
        `      <failure message="${xml(o.message)}" type="${p.verdict}">${xml(o.body ?? '')}</failure>`,
        '    </testcase>',
      );
  }
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}
