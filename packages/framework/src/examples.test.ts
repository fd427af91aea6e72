/** The shipped editions and example company policies, end to end through the pure API. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { validate } from '@ewto/schemas';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Catalog, createCatalog } from './catalog.ts';
import { compareEditions } from './changes.ts';
import { diffPolicy } from './diff.ts';
import { formatChangesText } from './format/changes-text.ts';
import { loadEditions } from './node/load.ts';
import { parseCompanyPolicy } from './parse.ts';
import type { AlignmentReport, CompanyPolicy, FrameworkEdition } from './types.ts';
import { VERDICTS } from './vocabulary.ts';

const TODAY = '2026-11-24';
const examplesDir = resolve(import.meta.dirname, '../../../policies/companies/examples');
let editions: FrameworkEdition[];
let catalog: Catalog;
const examples = new Map<string, CompanyPolicy>();

beforeAll(async () => {
  editions = await loadEditions();
  catalog = createCatalog(editions);
  for (const f of readdirSync(examplesDir).filter((n) => n.endsWith('.yaml'))) {
    const r = parseCompanyPolicy(readFileSync(join(examplesDir, f), 'utf8'), { editions, today: TODAY });
    if (!r.ok) throw new Error(`${f}: ${JSON.stringify(r.issues)}`);
    examples.set(f.replace('.yaml', ''), r.document);
  }
}, 30_000);

const report = (name: string, edition = 'latest') =>
  diffPolicy(catalog.resolve(edition), examples.get(name)!, { today: TODAY });

describe('example company policies', () => {
  it('are at least three fictional, illustrative platforms', () => {
    expect(examples.size).toBeGreaterThanOrEqual(3);
    for (const p of examples.values()) expect(p.provenance).toBe('illustrative');
  });

  it('together exercise every verdict, a waiver, an expired waiver and a contradicted mapping', () => {
    const all: AlignmentReport[] = [...examples.keys()].map((n) => report(n));
    const verdicts = new Set(all.flatMap((r) => r.provisions.map((p) => p.verdict)));
    expect([...verdicts].sort()).toEqual([...VERDICTS].sort());
    const provisions = all.flatMap((r) => r.provisions);
    expect(provisions.some((p) => p.waiver)).toBe(true);
    expect(provisions.some((p) => p.expiredWaiver)).toBe(true);
    expect(provisions.some((p) => p.mapping?.contradicted)).toBe(true);
  });

  it('give reports that match the alignment-report schema, against every edition', () => {
    for (const name of examples.keys())
      for (const e of editions) expect(validate('alignment-report', report(name, e.version))).toEqual([]);
  });

  it('Tessellate Market: the verdicts a careful reader gives', () => {
    const r = report('tessellate-market');
    const v = Object.fromEntries(r.provisions.map((p) => [p.id, p.verdict]));
    expect(v).toMatchObject({
      'PWF-001': 'exceeds', // all elephant products, not only ivory
      'PWF-002': 'partial', // horn only
      'PWF-003': 'covers',
      'PWF-004': 'partial', // allows antiques the tiger provision does not
      'PWF-006': 'missing', // no bear rule (waived)
      'PWF-018': 'partial', // interstitial for four groups only
      'PWF-020': 'missing', // expired waiver
    });
    const rhino = r.provisions.find((p) => p.id === 'PWF-002')!;
    expect(rhino.missing?.scope.map((g) => g.productTypes)).toEqual([['medicine', 'trophies']]);
    expect(rhino.mapping?.contradicted).toBe(true);
    const search = r.provisions.find((p) => p.id === 'PWF-018')!;
    expect(search.missing?.measures[0]?.speciesGroups).toEqual([
      'bear',
      'marine-turtle',
      'primate',
      'bird',
      'reptile',
    ]);
  });

  it('Larkspur Social: not applicable with the company reason, unassessed on a higher taxon', () => {
    const r = report('larkspur-social');
    const byId = new Map(r.provisions.map((p) => [p.id, p]));
    expect(byId.get('PWF-018')).toMatchObject({ verdict: 'not-applicable', counted: false });
    expect(byId.get('PWF-018')?.reason).toContain('no keyword search');
    expect(byId.get('PWF-006')).toMatchObject({ verdict: 'unassessed' });
    expect(byId.get('PWF-006')?.reason).toContain('Ursidae');
    expect(byId.get('PWF-005')).toMatchObject({ verdict: 'missing', waiver: { expires: '2027-03-31' } });
  });

  it('Kestrel Search: measures it does not describe are unassessed; a stale mapping is reported', () => {
    const r = report('kestrel-search');
    expect(r.provisions.filter((p) => p.verdict === 'unassessed').map((p) => p.id)).toContain('PWF-011');
    expect(r.findings).toContainEqual(
      expect.objectContaining({ code: 'refers-to-withdrawn', provision: 'PWF-007' }),
    );
    expect(r.findings).toContainEqual(expect.objectContaining({ code: 'other-edition' }));
  });

  it('suggests `ewto policy changes` only towards a newer edition', () => {
    const note = (edition: string) =>
      report('kestrel-search', edition).findings.find((f) => f.code === 'other-edition')?.message;
    expect(note('2020')).toContain('`ewto policy changes 2017 2020 --policy <file>`');
    expect(note('2016')).toBe(
      'the policy was written against edition 2017 and is assessed against the older 2016',
    );
    expect(note('2017')).toBeUndefined();
  });
});

describe('edition changes', () => {
  it('classify 2016 → 2017 and 2017 → 2020 like oasdiff: a rule id and a level per change', () => {
    const a = compareEditions(catalog.resolve('2016'), catalog.resolve('2017'));
    const b = compareEditions(catalog.resolve('2017'), catalog.resolve('2020'));
    expect(validate('edition-changes', a)).toEqual([]);
    expect(validate('edition-changes', b)).toEqual([]);
    const has = (c: typeof a, rule: string, provision: string, level: string) =>
      expect(c.changes).toContainEqual(expect.objectContaining({ rule, provision, level }));
    has(a, 'exceptions-removed', 'PWF-002', 'breaking');
    has(a, 'product-types-added', 'PWF-003', 'breaking');
    has(a, 'listing-types-added', 'PWF-001', 'breaking');
    has(a, 'provision-added', 'PWF-012', 'breaking');
    has(a, 'statement-changed', 'PWF-011', 'editorial');
    has(b, 'level-raised', 'PWF-005', 'breaking');
    has(b, 'provision-withdrawn', 'PWF-007', 'relaxing');
    has(b, 'provision-added', 'PWF-019', 'breaking');
    has(b, 'provision-added', 'PWF-014', 'breaking');
    has(b, 'measures-added', 'PWF-001', 'breaking');
    has(b, 'provision-deprecated', 'PWF-009', 'editorial');
    expect(b.changes.find((c) => c.rule === 'provision-withdrawn')?.to).toBe('PWF-019');
    expect(b.changes.map((c) => c.level)).toEqual(
      [...b.changes.map((c) => c.level)].sort(
        (x, y) =>
          ['breaking', 'relaxing', 'editorial'].indexOf(x) - ['breaking', 'relaxing', 'editorial'].indexOf(y),
      ),
    );
  });

  it('the reverse direction swaps breaking and relaxing', () => {
    const back = compareEditions(catalog.resolve('2020'), catalog.resolve('2017'));
    expect(back.changes).toContainEqual(
      expect.objectContaining({ rule: 'level-lowered', provision: 'PWF-005', level: 'relaxing' }),
    );
    expect(back.changes).toContainEqual(
      expect.objectContaining({ rule: 'provision-reinstated', provision: 'PWF-007', level: 'breaking' }),
    );
  });

  it('the reverse direction says so: a provision of the newer edition is not in the older one yet', () => {
    const back = compareEditions(catalog.resolve('2020'), catalog.resolve('2016'));
    const messages = back.changes.map((c) => c.message).join('\n');
    expect(messages).not.toContain('should have been withdrawn');
    expect(back.changes).toContainEqual(
      expect.objectContaining({
        rule: 'provision-removed',
        provision: 'PWF-012',
        level: 'relaxing',
        message:
          'PWF-012 "Intake of expert and Cyber Spotter reports" is not in edition 2016 yet (introduced in 2017)',
      }),
    );
    expect(back.changes.find((c) => c.provision === 'PWF-007')?.message).toBe(
      'PWF-007 is still in force in edition 2016 (withdrawn later)',
    );
    expect(formatChangesText(back)).toMatch(/^framework 2020 → 2016 \(backwards, to an older edition\)/);
  });

  it('with a policy: what the company must change to align with the newer edition', () => {
    const c = compareEditions(catalog.resolve('2017'), catalog.resolve('2020'), {
      policy: examples.get('kestrel-search')!,
      today: TODAY,
    });
    expect(validate('edition-changes', c)).toEqual([]);
    const p = c.policy!;
    expect(p.scoreTo).toBeLessThan(p.scoreFrom);
    const primates = p.actions.find((a) => a.provision === 'PWF-014')!;
    expect(primates).toMatchObject({
      cause: 'new-provision',
      verdictTo: 'partial',
      changes: ['provision-added'],
    });
    expect(primates.todo).toEqual([
      'Prohibit primate (CITES II): live-animals; listing types: advertisement (extend rule cites-appendix-i or add a rule)',
    ]);
    const ivory = p.actions.find((a) => a.provision === 'PWF-001')!;
    expect(ivory).toMatchObject({
      cause: 'changed-provision',
      verdictFrom: 'exceeds',
      verdictTo: 'unassessed',
    });
    expect(p.obsolete).toEqual([
      expect.objectContaining({
        provision: 'PWF-007',
        what: 'mapping',
        replacedBy: ['PWF-019'],
        pointer: '/mappings/0',
      }),
    ]);
    expect(p.actions.map((a) => a.level)).toEqual(
      [...p.actions.map((a) => a.level)].sort((x, y) => (x === y ? 0 : x === 'must' ? -1 : 1)),
    );
  });
});
