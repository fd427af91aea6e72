/**
 * SARIF 2.1.0 for code-scanning tools: one rule per provision, one result per provision the policy
 * does not meet, plus contradicted mappings and expired waivers; every result carries the provision
 * id as its logical location. Waived provisions keep their result, suppressed with the waiver's
 * reason. Where a result points (`locationOf`): a missing provision at the policy's top-level
 * `rules:` key (design.md); a partial or unassessed one at the first rule that covers part of it,
 * or, when only measures are lacking, at the measure in place for other groups or the `measures:`
 * key; a top-level key the file does not have is replaced by the one it has (`rules:`, `measures:`,
 * else `kind:`).
 */
import type { Position } from '../source.ts';
import type { AlignmentReport, CompanyPolicy, FrameworkEdition, ProvisionResult } from '../types.ts';

export interface SarifOptions {
  /** The policy file as given (a relative path is written with forward slashes, against `baseUri`). */
  uri: string;
  /** The directory `uri` is relative to, as a file:// URI ending in `/` (becomes %SRCROOT%). */
  baseUri?: string;
  /** Positions in the policy text (`readSource(text)`); without it results point at 1:1. */
  source?: { locate(pointer: string): Position; locateKey(pointer: string): Position };
  /** The edition, for the rules' full descriptions. */
  edition?: FrameworkEdition;
  /** The policy the report is about: which top-level keys and measures it has (assumed all there without it). */
  policy?: CompanyPolicy;
  toolVersion?: string;
}

type Level = 'error' | 'warning' | 'note';

const levelOf = (p: ProvisionResult): Level =>
  p.verdict === 'missing'
    ? p.level === 'must'
      ? 'error'
      : 'warning'
    : p.verdict === 'partial'
      ? p.level === 'must'
        ? 'warning'
        : 'note'
      : 'note';

/**
 * @example JSON.stringify(formatReportSarif(report, { uri: 'policy.yaml', source: readSource(text) }), null, 2)
 */
export function formatReportSarif(report: AlignmentReport, options: SarifOptions) {
  const { source, edition } = options;
  const uri = options.uri.replaceAll('\\', '/');
  const relative = !/^[a-z][a-z0-9+.-]*:/i.test(uri) && !uri.startsWith('/');
  const artifact = { uri, ...(relative && options.baseUri ? { uriBaseId: 'SRCROOT' } : {}) };
  const statements = new Map(edition?.provisions.map((p) => [p.id, p.statement]) ?? []);
  const ruleIndex = new Map(report.provisions.map((p, i) => [p.id, i]));
  const at = (pos: Position) => ({
    physicalLocation: {
      artifactLocation: { ...artifact, index: 0 },
      region: { startLine: pos.line, startColumn: pos.col },
    },
    logicalLocations: [] as object[],
  });
  const located = (p: ProvisionResult, pos: Position) => {
    const loc = at(pos);
    loc.logicalLocations = [
      { name: p.id, fullyQualifiedName: `framework/${report.framework.version}/${p.id}`, kind: 'resource' },
    ];
    return [loc];
  };
  const where = (pointer: string, key = false): Position =>
    source ? (key ? source.locateKey(pointer) : source.locate(pointer)) : { line: 1, col: 1 };
  const { policy } = options;
  /** The first of these top-level keys the policy has, else `kind:`. */
  const topKey = (...keys: ('rules' | 'measures')[]): Position => {
    const key = keys.find((k) => !policy || policy[k] !== undefined);
    return where(key ? `/${key}` : '/kind', true);
  };
  const locationOf = (p: ProvisionResult): Position => {
    const scopeGaps = p.missing?.scope.length ?? 0;
    const measureGaps = p.missing?.measures ?? [];
    if (p.verdict === 'missing') return topKey('rules', 'measures');
    if (measureGaps.length && !scopeGaps) {
      const partly = measureGaps.find((g) => g.speciesGroups);
      const i = partly ? (policy?.measures?.findIndex((m) => m.measure === partly.measure) ?? -1) : -1;
      return i >= 0 ? where(`/measures/${i}`) : topKey('measures', 'rules');
    }
    const first = p.rules[0];
    return first ? where(first.pointer) : topKey('rules', 'measures');
  };

  const results: object[] = [];
  for (const p of report.provisions) {
    const base = { ruleId: p.id, ruleIndex: ruleIndex.get(p.id)! };
    if (p.verdict === 'missing' || p.verdict === 'partial' || p.verdict === 'unassessed') {
      const pos = locationOf(p);
      const detail = [
        ...(p.missing?.scope ?? []).map((g) => g.text),
        ...(p.missing?.measures ?? []).map((m) => m.text),
      ];
      results.push({
        ...base,
        kind: 'fail',
        level: levelOf(p),
        message: {
          text: `${p.id} (${p.level}) ${p.title}: ${p.verdict}. ${p.reason ? `${p.reason}. ` : ''}${detail.length ? `Missing: ${detail.join('; ')}.` : ''}`.trim(),
        },
        locations: located(p, pos),
        ...(p.waiver
          ? {
              suppressions: [
                {
                  kind: 'external',
                  status: 'accepted',
                  justification: `waived until ${p.waiver.expires}: ${p.waiver.reason}`,
                },
              ],
            }
          : {}),
        properties: {
          verdict: p.verdict,
          level: p.level,
          category: p.category,
          ...(p.missing ? { missing: p.missing } : {}),
        },
      });
    }
    if (p.mapping?.contradicted)
      results.push({
        ...base,
        kind: 'fail',
        level: 'warning',
        message: {
          text: `The mapping for ${p.id} is contradicted by the scopes: ${p.mapping.contradictions.join(' ')}`,
        },
        locations: located(p, where(p.mapping.pointer)),
        properties: { finding: 'mapping-contradicted', verdict: p.verdict },
      });
    if (p.expiredWaiver)
      results.push({
        ...base,
        kind: 'fail',
        level: 'warning',
        message: {
          text: `The waiver for ${p.id} expired on ${p.expiredWaiver.expires} and no longer counts.`,
        },
        locations: located(p, where(`${p.expiredWaiver.pointer}/expires`)),
        properties: { finding: 'waiver-expired', verdict: p.verdict },
      });
  }

  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0' as const,
    runs: [
      {
        tool: {
          driver: {
            name: 'ewto policy diff',
            ...(options.toolVersion ? { version: options.toolVersion } : {}),
            rules: report.provisions.map((p) => ({
              id: p.id,
              name: p.title,
              shortDescription: { text: p.title },
              ...(statements.get(p.id)
                ? { fullDescription: { text: statements.get(p.id)!.replace(/\s+/g, ' ').trim() } }
                : {}),
              defaultConfiguration: { level: p.level === 'must' ? 'error' : 'warning' },
              properties: { level: p.level, category: p.category, tags: [p.category, p.level] },
            })),
          },
        },
        ...(relative && options.baseUri ? { originalUriBaseIds: { SRCROOT: { uri: options.baseUri } } } : {}),
        artifacts: [{ location: artifact, roles: ['analysisTarget'] }],
        results,
        properties: {
          framework: report.framework.version,
          company: report.policy.company,
          score: report.summary.score,
          assessedOn: report.assessedOn,
        },
      },
    ],
  };
}
