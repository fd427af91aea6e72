import { describe, expect, it } from 'vitest';
import { compareEditions } from '../changes.ts';
import { diffPolicy } from '../diff.ts';
import { parseCompanyPolicy } from '../parse.ts';
import type { FrameworkEdition, Provision } from '../types.ts';
import { formatChangesText } from './changes-text.ts';
import { formatJson } from './json.ts';
import { formatReportJunit } from './junit.ts';
import { formatChangesMarkdown, formatReportMarkdown } from './markdown.ts';
import { formatReportText } from './report-text.ts';
import { formatReportSarif } from './sarif.ts';

const p = (id: string, extra: Partial<Provision>): Provision => ({
  id,
  title: `Title ${id}`,
  status: 'active',
  level: 'must',
  category: 'prohibited-products',
  statement: `Statement of ${id}.`,
  introduced: '2020',
  ...extra,
});
const edition: FrameworkEdition = {
  kind: 'framework-edition',
  version: '2020',
  title: 'Test edition',
  released: '2020',
  provenance: 'illustrative',
  sources: [],
  provisions: [
    p('PWF-001', { scope: { speciesGroups: ['elephant'], productTypes: ['raw-ivory'] } }),
    p('PWF-002', { scope: { speciesGroups: ['rhino'], productTypes: ['horn', 'trophies'] } }),
    p('PWF-003', { level: 'should', scope: { speciesGroups: ['pangolin'] } }),
    p('PWF-004', { scope: { speciesGroups: ['bear'] } }),
    p('PWF-010', { level: 'should', category: 'automated-detection', measures: ['keyword-filter'] }),
  ],
};
const text = `kind: company-policy
company: Formats & Co <test>
rules:
  - id: ivory
    scope: {speciesGroups: [elephant], productTypes: [raw-ivory]}
  - id: horn
    scope: {speciesGroups: [rhino], productTypes: [horn]}
measures:
  - measure: keyword-filter
mappings:
  - provision: PWF-002
    rules: [horn]
notApplicable:
  - provision: PWF-010
    reason: no listings to filter
waivers:
  - provision: PWF-004
    reason: rule in review
    expires: "2030-01-01"
`;
const parsed = parseCompanyPolicy(text);
if (!parsed.ok) throw new Error('fixture policy is invalid');
const report = diffPolicy(edition, parsed.document, { today: '2026-05-01', file: 'policy.yaml' });

describe('text', () => {
  it('has no escape codes without colour, and colours verdicts with it', () => {
    const plain = formatReportText(report);
    expect(plain).not.toContain('\x1b[');
    expect(plain).toContain('PWF-002  must    partial');
    expect(plain).toContain('missing: rhino: trophies; all listing types');
    expect(plain).toContain('mapping contradicted:');
    const coloured = formatReportText(report, { colour: true });
    expect(coloured).toContain('\x1b[33mpartial');
    expect(coloured).toContain('\x1b[31mmissing');
  });
});

describe('score', () => {
  it('is printed with one decimal everywhere people read it, also when it is whole', () => {
    const none = parseCompanyPolicy('kind: company-policy\ncompany: None Co\nrules: []\nmeasures: []\n');
    if (!none.ok) throw new Error('fixture policy is invalid');
    const zero = diffPolicy(edition, none.document, { today: '2026-05-01' });
    expect(zero.summary.score).toBe(0);
    expect(formatReportText(zero)).toContain('score 0.0/100');
    expect(formatReportMarkdown(zero)).toContain('**Score 0.0 / 100**');
    const c = compareEditions(edition, edition, { policy: none.document, today: '2026-05-01' });
    expect(formatChangesText(c)).toContain('None Co: score 0.0 → 0.0');
    expect(formatChangesMarkdown(c)).toContain('## None Co: score 0.0 → 0.0');
  });
});

describe('markdown', () => {
  it('is a table with one row per provision and a section per gap', () => {
    const md = formatReportMarkdown(report);
    expect(md.split('\n').filter((l) => l.startsWith('| **PWF-'))).toHaveLength(5);
    expect(md).toContain('### PWF-002 Title PWF-002 (must, partial)');
    expect(md).toContain('- rhino: trophies; all listing types');
  });
});

describe('JUnit', () => {
  it('has one testcase per provision, failures for partial and missing, skips for n/a and waived', () => {
    const xml = formatReportJunit(report);
    expect(xml.match(/<testcase /g)).toHaveLength(5);
    expect(xml).toContain(
      '<testsuites name="ewto policy diff" tests="5" failures="2" errors="0" skipped="2">',
    );
    expect(xml).toContain('<failure message="partial: rhino: trophies; all listing types" type="partial">');
    expect(xml).toContain('<skipped message="not applicable: no listings to filter"/>');
    expect(xml).toContain('name="Formats &amp; Co &lt;test&gt; against framework 2020"');
  });
});

describe('SARIF', () => {
  const sarif = formatReportSarif(report, {
    uri: 'policies/policy.yaml',
    baseUri: 'file:///work/repo/',
    source: parsed.source,
    edition,
  }) as unknown as {
    runs: [
      {
        tool: { driver: { rules: { id: string; fullDescription?: { text: string } }[] } };
        results: {
          ruleId: string;
          level: string;
          suppressions?: unknown[];
          locations: {
            physicalLocation: { region: { startLine: number; startColumn: number } };
            logicalLocations: { name: string }[];
          }[];
        }[];
      },
    ];
  };
  const results = sarif.runs[0].results;
  it('locates a missing provision at the top-level rules key, with the provision as logical location', () => {
    const missing = results.find((r) => r.ruleId === 'PWF-003')!;
    expect(missing.level).toBe('warning'); // should + missing
    expect(missing.locations[0]!.physicalLocation.region).toEqual({ startLine: 3, startColumn: 1 });
    expect(missing.locations[0]!.logicalLocations[0]!.name).toBe('PWF-003');
  });
  it('locates a partial provision at the rule that covers part of it, and the contradicted mapping at the mapping', () => {
    const [partial, mapping] = results.filter((r) => r.ruleId === 'PWF-002');
    expect(partial!.locations[0]!.physicalLocation.region).toEqual({ startLine: 6, startColumn: 5 });
    expect(mapping!.locations[0]!.physicalLocation.region).toEqual({ startLine: 11, startColumn: 5 });
  });
  it('keeps a waived provision as a suppressed result, and has a rule per provision', () => {
    expect(results.find((r) => r.ruleId === 'PWF-004')?.suppressions).toEqual([
      { kind: 'external', status: 'accepted', justification: 'waived until 2030-01-01: rule in review' },
    ]);
    expect(sarif.runs[0].tool.driver.rules.map((r) => r.id)).toEqual([
      'PWF-001',
      'PWF-002',
      'PWF-003',
      'PWF-004',
      'PWF-010',
    ]);
    expect(sarif.runs[0].tool.driver.rules[0]?.fullDescription?.text).toBe('Statement of PWF-001.');
  });
  it('points at the top-level key the policy has, and a measure-only gap at the measures', () => {
    const region = (policyText: string, id: string) => {
      const r = parseCompanyPolicy(policyText);
      if (!r.ok) throw new Error('fixture policy is invalid');
      const rep = diffPolicy(edition, r.document, { today: '2026-05-01' });
      const sarif = formatReportSarif(rep, {
        uri: 'p.yaml',
        source: r.source,
        policy: r.document,
      }) as unknown as {
        runs: [{ results: { ruleId: string; locations: { physicalLocation: { region: object } }[] }[] }];
      };
      return sarif.runs[0].results.find((x) => x.ruleId === id)?.locations[0]?.physicalLocation.region;
    };
    const head = '# a comment\nkind: company-policy\ncompany: Keys Co\n';
    // No rules key: the scope provisions are unassessed, located at `measures:`, not at 1:1.
    expect(region(`${head}measures:\n  - measure: user-reporting\n`, 'PWF-003')).toEqual({
      startLine: 4,
      startColumn: 1,
    });
    // Neither key: at `kind:`.
    expect(region(head, 'PWF-003')).toEqual({ startLine: 2, startColumn: 1 });
    // Keyword filters in place for rhinos only: the gap is at that measure.
    expect(
      region(
        `${head}rules: []\nmeasures:\n  - measure: keyword-filter\n    speciesGroups: [rhino]\n`,
        'PWF-010',
      ),
    ).toMatchObject({ startLine: 6, startColumn: 5 });
  });
  it('is JSON', () => {
    expect(JSON.parse(formatJson(sarif)).version).toBe('2.1.0');
  });
});

describe('changes', () => {
  const newer: FrameworkEdition = {
    ...edition,
    version: '2021',
    previous: '2020',
    provisions: [
      p('PWF-001', { scope: { speciesGroups: ['elephant'], productTypes: ['raw-ivory', 'ivory-carvings'] } }),
      ...edition.provisions.slice(1),
    ] as [Provision, ...Provision[]],
  };
  const c = compareEditions(edition, newer, { policy: parsed.document, today: '2026-05-01' });
  it('text lists changes by level and the steps to align', () => {
    const t = formatChangesText(c);
    expect(t).toContain('framework 2020 → 2021: 1 breaking, 0 relaxing, 0 editorial');
    expect(t).toContain(
      'product-types-added  PWF-001   PWF-001 now also covers product types ivory-carvings',
    );
    expect(t).toContain(
      '- Prohibit elephant: ivory-carvings; all listing types (extend rule ivory or add a rule)',
    );
  });
  it('markdown has a checklist', () => {
    expect(formatChangesMarkdown(c)).toContain('- [ ] Prohibit elephant: ivory-carvings; all listing types');
  });
});
