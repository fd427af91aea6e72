import { validate } from '@ewto/schemas';
import { describe, expect, it } from 'vitest';
import { diffPolicy } from './diff.ts';
import { formatReportText } from './format/report-text.ts';
import type { CompanyPolicy, CompanyRule, FrameworkEdition, Provision, ProvisionResult } from './types.ts';

const TODAY = '2026-05-01';

function provision(p: Partial<Provision> & Pick<Provision, 'id'>): Provision {
  return {
    title: p.id,
    status: 'active',
    level: 'must',
    category: 'prohibited-products',
    statement: 'test provision',
    introduced: '2020',
    ...p,
  };
}

function edition(provisions: Provision[], extra: Partial<FrameworkEdition> = {}): FrameworkEdition {
  return {
    kind: 'framework-edition',
    version: '2020',
    title: 'Test edition',
    released: '2020',
    provenance: 'illustrative',
    sources: [],
    provisions: provisions as [Provision, ...Provision[]],
    ...extra,
  };
}

const policy = (p: Partial<CompanyPolicy>): CompanyPolicy => ({
  kind: 'company-policy',
  company: 'Test Co',
  ...p,
});

function one(ed: FrameworkEdition, pol: CompanyPolicy, id = ed.provisions[0]!.id): ProvisionResult {
  const report = diffPolicy(ed, pol, { today: TODAY });
  expect(validate('alignment-report', report)).toEqual([]);
  return report.provisions.find((p) => p.id === id)!;
}

const ivory = provision({
  id: 'PWF-001',
  scope: {
    speciesGroups: ['elephant'],
    productTypes: ['raw-ivory', 'ivory-carvings'],
    listingTypes: ['sale', 'auction'],
    exceptions: ['pre-convention-antique'],
  },
});

describe('verdicts from scopes as sets', () => {
  it('covers: the rules prohibit exactly the provision scope', () => {
    const r = one(
      edition([ivory]),
      policy({
        rules: [
          {
            id: 'ivory',
            scope: {
              speciesGroups: ['elephant'],
              productTypes: ['raw-ivory', 'ivory-carvings'],
              listingTypes: ['sale', 'auction'],
              exceptions: ['pre-convention-antique'],
            },
          },
        ],
      }),
    );
    expect(r.verdict).toBe('covers');
    expect(r.rules).toEqual([{ id: 'ivory', pointer: '/rules/0' }]);
    expect(r.credit).toBe(1);
  });

  it('covers when several rules together prohibit the scope', () => {
    const r = one(
      edition([ivory]),
      policy({
        rules: [
          {
            id: 'a',
            scope: {
              speciesGroups: ['elephant'],
              productTypes: ['raw-ivory'],
              listingTypes: ['sale', 'auction'],
              exceptions: ['pre-convention-antique'],
            },
          },
          {
            id: 'b',
            scope: {
              speciesGroups: ['elephant'],
              productTypes: ['ivory-carvings'],
              listingTypes: ['sale', 'auction'],
              exceptions: ['pre-convention-antique'],
            },
          },
        ],
      }),
    );
    expect(r.verdict).toBe('covers');
  });

  it('exceeds: more products and listing types, and no exceptions granted', () => {
    const r = one(
      edition([ivory]),
      policy({ rules: [{ id: 'all-elephant', scope: { speciesGroups: ['elephant'] } }] }),
    );
    expect(r.verdict).toBe('exceeds');
    expect(r.beyond?.productTypes).toContain('trophies');
    expect(r.beyond?.listingTypes).toEqual([
      'wanted',
      'advertisement',
      'social-post',
      'livestream',
      'group-message',
    ]);
    expect(r.beyond?.exceptionsNotGranted).toEqual(['pre-convention-antique']);
  });

  it('exceeds: more species groups for the same products, when no provision asks for them', () => {
    const live = provision({
      id: 'PWF-014',
      scope: { speciesGroups: ['primate'], productTypes: ['live-animals'] },
    });
    const r = one(
      edition([live]),
      policy({ rules: [{ id: 'all-live', scope: { productTypes: ['live-animals'] } }] }),
    );
    expect(r.verdict).toBe('exceeds');
    expect(r.beyond?.speciesGroups).toEqual([
      'elephant',
      'rhino',
      'pangolin',
      'big-cat',
      'bear',
      'marine-turtle',
      'bird',
      'reptile',
    ]);
  });

  it('covers, not exceeds, when a shared rule only reaches into other provisions', () => {
    const birds = provision({
      id: 'PWF-015',
      scope: { speciesGroups: ['bird'], productTypes: ['live-animals'] },
    });
    const reptiles = provision({
      id: 'PWF-016',
      scope: { speciesGroups: ['reptile'], productTypes: ['live-animals'] },
    });
    const report = diffPolicy(
      edition([birds, reptiles]),
      policy({
        rules: [
          { id: 'pets', scope: { speciesGroups: ['bird', 'reptile'], productTypes: ['live-animals'] } },
        ],
      }),
      { today: TODAY },
    );
    expect(report.provisions.map((p) => p.verdict)).toEqual(['covers', 'covers']);
  });

  it('names a group that goes beyond the edition only in part with its appendices', () => {
    const birds = provision({
      id: 'PWF-015',
      scope: { speciesGroups: ['bird'], cites: { appendices: ['I', 'II'] }, productTypes: ['live-animals'] },
    });
    const reptiles = provision({
      id: 'PWF-016',
      scope: {
        speciesGroups: ['reptile'],
        cites: { appendices: ['I', 'II'] },
        productTypes: ['live-animals'],
      },
    });
    const report = diffPolicy(
      edition([birds, reptiles]),
      policy({
        rules: [
          { id: 'pets', scope: { speciesGroups: ['bird', 'reptile'], productTypes: ['live-animals'] } },
        ],
      }),
      { today: TODAY },
    );
    const b = report.provisions[0]!;
    expect(b.verdict).toBe('exceeds');
    expect(b.beyond).toMatchObject({ citesAppendices: ['III', 'not-listed'], speciesGroups: ['reptile'] });
    expect(b.beyond?.text).toBe(
      'more CITES appendices (CITES III, not CITES-listed); more species groups (reptile [CITES III, not CITES-listed]); no provision asks for bird, reptile (CITES III, not CITES-listed): live-animals; all listing types',
    );
  });

  it('exceeds names the appendix, product and listing type it goes beyond', () => {
    const birdProducts = provision({
      id: 'PWF-009',
      level: 'should',
      scope: { speciesGroups: ['bird'], cites: { appendices: ['I'] }, productTypes: ['feathers', 'eggs'] },
    });
    const liveBirds = provision({
      id: 'PWF-015',
      scope: { speciesGroups: ['bird'], cites: { appendices: ['I', 'II'] }, productTypes: ['live-animals'] },
    });
    const r = one(
      edition([birdProducts, liveBirds]),
      policy({
        platform: { listingTypes: ['sale', 'auction'] },
        rules: [
          {
            id: 'birds',
            scope: {
              speciesGroups: ['bird'],
              cites: { appendices: ['I', 'II'] },
              productTypes: ['live-animals', 'feathers'],
            },
          },
        ],
      }),
      'PWF-015',
    );
    expect(r.verdict).toBe('exceeds');
    expect(r.beyond?.productTypes).toEqual(['feathers']);
    // PWF-009 asks for the feathers of CITES I birds: what goes further is those of CITES II birds.
    expect(r.beyond?.text).toContain(
      'more products (feathers); no provision asks for bird (CITES II): feathers; listing types: sale, auction',
    );
  });

  it('partial names exactly the missing products and listing types', () => {
    const r = one(
      edition([ivory]),
      policy({
        rules: [
          {
            id: 'raw',
            scope: { speciesGroups: ['elephant'], productTypes: ['raw-ivory'], listingTypes: ['sale'] },
          },
        ],
      }),
    );
    expect(r.verdict).toBe('partial');
    expect(r.credit).toBe(0.5);
    expect(r.missing?.scope).toEqual([
      {
        kind: 'not-prohibited',
        speciesGroups: ['elephant'],
        productTypes: ['raw-ivory'],
        listingTypes: ['auction'],
        text: 'elephant: raw-ivory; listing types: auction',
      },
      {
        kind: 'not-prohibited',
        speciesGroups: ['elephant'],
        productTypes: ['ivory-carvings'],
        listingTypes: ['sale', 'auction'],
        text: 'elephant: ivory-carvings; listing types: sale, auction',
      },
    ]);
  });

  it('partial names exactly the missing species groups', () => {
    const p = provision({
      id: 'PWF-002',
      scope: { speciesGroups: ['rhino', 'pangolin', 'bear'], productTypes: ['medicine'] },
    });
    const r = one(edition([p]), policy({ rules: [{ id: 'rhino', scope: { speciesGroups: ['rhino'] } }] }));
    expect(r.verdict).toBe('partial');
    expect(r.missing?.scope.map((g) => [g.speciesGroups, g.productTypes, g.listingTypes.length])).toEqual([
      [['pangolin', 'bear'], ['medicine'], 7],
    ]);
    expect(r.missing?.scope[0]?.text).toBe('pangolin, bear: medicine; all listing types');
  });

  it('partial names the missing measures and the species groups they lack', () => {
    const p = provision({
      id: 'PWF-018',
      category: 'user-education',
      measures: ['search-interstitial', 'keyword-filter'],
    });
    const r = one(
      edition([p]),
      policy({ measures: [{ measure: 'search-interstitial', speciesGroups: ['elephant', 'rhino'] }] }),
    );
    expect(r.verdict).toBe('partial');
    expect(r.missing?.measures).toEqual([
      { measure: 'keyword-filter', text: 'keyword-filter is not in place' },
      {
        measure: 'search-interstitial',
        speciesGroups: ['pangolin', 'big-cat', 'bear', 'marine-turtle', 'primate', 'bird', 'reptile'],
        text: 'search-interstitial is not in place for pangolin, big-cat, bear, marine-turtle, primate, bird, reptile',
      },
    ]);
  });

  it('missing: nothing prohibits the scope and no required measure is there', () => {
    const p = provision({ ...ivory, measures: ['keyword-filter'] });
    const r = one(
      edition([p]),
      policy({ rules: [{ id: 'rhino', scope: { speciesGroups: ['rhino'] } }], measures: [] }),
    );
    expect(r.verdict).toBe('missing');
    expect(r.rules).toEqual([]);
    expect(r.missing?.scope).toHaveLength(1);
    expect(r.missing?.measures).toEqual([
      { measure: 'keyword-filter', text: 'keyword-filter is not in place' },
    ]);
  });

  it('an exception the provision does not allow makes it partial, naming the exception', () => {
    const tiger = provision({
      id: 'PWF-004',
      scope: { speciesGroups: ['big-cat'], productTypes: ['skins-leather'] },
    });
    const r = one(
      edition([tiger]),
      policy({
        rules: [
          {
            id: 'cats',
            scope: {
              speciesGroups: ['big-cat'],
              productTypes: ['skins-leather'],
              exceptions: ['pre-convention-antique'],
            },
          },
        ],
      }),
    );
    expect(r.verdict).toBe('partial');
    expect(r.missing?.scope[0]).toMatchObject({
      kind: 'exception-not-allowed',
      speciesGroups: ['big-cat'],
      exceptions: ['pre-convention-antique'],
    });
  });

  it('an exception the provision allows is fine', () => {
    const r = one(
      edition([ivory]),
      policy({
        rules: [
          {
            id: 'i',
            scope: {
              speciesGroups: ['elephant'],
              productTypes: ['raw-ivory', 'ivory-carvings'],
              listingTypes: ['sale', 'auction'],
              exceptions: ['pre-convention-antique'],
            },
          },
        ],
      }),
    );
    expect(r.verdict).toBe('covers');
  });

  it('not-applicable carries the company reason and does not count', () => {
    const report = diffPolicy(
      edition([ivory]),
      policy({ rules: [], notApplicable: [{ provision: 'PWF-001', reason: 'we sell software only' }] }),
      { today: TODAY },
    );
    expect(report.provisions[0]).toMatchObject({
      verdict: 'not-applicable',
      reason: 'we sell software only',
      counted: false,
    });
    expect(report.summary.score).toBe(100);
  });

  it('not-applicable when the platform hosts none of the provision listing types', () => {
    const r = one(edition([ivory]), policy({ rules: [], platform: { listingTypes: ['social-post'] } }));
    expect(r.verdict).toBe('not-applicable');
    expect(r.reason).toContain('hosts none of the provision');
  });

  it('only the hosted listing types are required', () => {
    const r = one(
      edition([ivory]),
      policy({
        platform: { listingTypes: ['sale'] },
        rules: [
          {
            id: 'i',
            scope: {
              speciesGroups: ['elephant'],
              productTypes: ['raw-ivory', 'ivory-carvings'],
              listingTypes: ['sale'],
              exceptions: ['pre-convention-antique'],
            },
          },
        ],
      }),
    );
    expect(r.verdict).toBe('covers');
  });

  it('uses the edition CITES facts: an Appendix I rule covers a group listed only in Appendix I', () => {
    const pangolin = provision({
      id: 'PWF-003',
      scope: { speciesGroups: ['pangolin'], productTypes: ['scales'] },
    });
    const appI = policy({
      rules: [
        {
          id: 'app-i',
          scope: { speciesGroups: ['pangolin'], cites: { appendices: ['I'] }, productTypes: ['scales'] },
        },
      ],
    });
    const withFacts = edition([pangolin], {
      citesListings: { source: 'cites', groups: { pangolin: ['I'] } },
    });
    expect(one(withFacts, appI).verdict).toBe('covers');
    const r = one(edition([pangolin]), appI);
    expect(r.verdict).toBe('partial');
    expect(r.missing?.scope[0]?.citesAppendices).toEqual(['II', 'III', 'not-listed']);
  });
});

describe('unassessed', () => {
  it('when the policy has no rules key, for provisions with a scope', () => {
    const r = one(edition([ivory]), policy({ measures: [] }));
    expect(r.verdict).toBe('unassessed');
    expect(r.reason).toContain('no "rules"');
    expect(r.credit).toBe(0);
    expect(r.counted).toBe(true);
  });
  it('when the policy has no measures key, for provisions requiring measures', () => {
    const p = provision({ id: 'PWF-010', category: 'automated-detection', measures: ['keyword-filter'] });
    const r = one(edition([p]), policy({ rules: [] }));
    expect(r.verdict).toBe('unassessed');
    expect(r.reason).toContain('no "measures"');
  });
  it('when a rule names a higher taxon the tool cannot compare', () => {
    const bears = provision({
      id: 'PWF-006',
      scope: { speciesGroups: ['bear'], cites: { taxa: ['Ursus thibetanus'] } },
    });
    const r = one(
      edition([bears]),
      policy({ rules: [{ id: 'b', scope: { speciesGroups: ['bear'], cites: { taxa: ['Ursidae'] } } }] }),
    );
    expect(r.verdict).toBe('unassessed');
    expect(r.reason).toContain('Ursidae');
    expect(r.missing?.scope[0]?.kind).toBe('not-comparable');
  });
});

describe('taxa', () => {
  const big = provision({
    id: 'PWF-005',
    scope: {
      speciesGroups: ['big-cat'],
      cites: { taxa: ['Panthera pardus', 'Panthera uncia'] },
      productTypes: ['skins-leather'],
    },
  });
  it('a rule naming every taxon of the provision covers it', () => {
    const r = one(
      edition([big]),
      policy({
        rules: [
          {
            id: 'x',
            scope: {
              speciesGroups: ['big-cat'],
              cites: { taxa: ['panthera uncia', 'Panthera pardus'] },
              productTypes: ['skins-leather'],
            },
          },
        ],
      }),
    );
    expect(r.verdict).toBe('covers');
  });
  it('a rule naming some of the species is partial, naming the others', () => {
    const r = one(
      edition([big]),
      policy({
        rules: [{ id: 'x', scope: { speciesGroups: ['big-cat'], cites: { taxa: ['Panthera pardus'] } } }],
      }),
    );
    expect(r.verdict).toBe('partial');
    expect(r.missing?.scope[0]).toMatchObject({ taxa: ['Panthera uncia'] });
  });
  it('a rule naming other species only is missing', () => {
    const r = one(
      edition([big]),
      policy({
        rules: [{ id: 'x', scope: { speciesGroups: ['big-cat'], cites: { taxa: ['Panthera tigris'] } } }],
      }),
    );
    expect(r.verdict).toBe('missing');
  });
  it('a species rule against a whole-group provision is partial: the rest of the group', () => {
    const live = provision({
      id: 'PWF-017',
      scope: { speciesGroups: ['big-cat'], productTypes: ['live-animals'] },
    });
    const r = one(
      edition([live]),
      policy({
        rules: [{ id: 'x', scope: { speciesGroups: ['big-cat'], cites: { taxa: ['Panthera tigris'] } } }],
      }),
    );
    expect(r.verdict).toBe('partial');
    expect(r.missing?.scope[0]).toMatchObject({ exceptTaxa: ['Panthera tigris'] });
    expect(r.missing?.scope[0]?.text).toContain('big-cat other than Panthera tigris');
  });
  it('a species named for several groups cannot be placed in one: unassessed, not a partial of every group', () => {
    const ivoryOnly = provision({
      id: 'PWF-001',
      scope: { speciesGroups: ['elephant'], productTypes: ['trophies'] },
    });
    const r = one(
      edition([ivoryOnly]),
      policy({
        rules: [
          { id: 'leopard', scope: { cites: { taxa: ['Panthera pardus'] }, productTypes: ['trophies'] } },
        ],
      }),
    );
    expect(r.verdict).toBe('unassessed');
    expect(r.reason).toContain('rule "leopard" names taxa (Panthera pardus) for every species group');
    expect(r.missing?.scope[0]).toMatchObject({ kind: 'not-comparable', speciesGroups: ['elephant'] });
    expect(r.missing?.scope[0]?.exceptTaxa).toBeUndefined();
    const two = one(
      edition([ivoryOnly]),
      policy({
        rules: [
          {
            id: 'x',
            scope: { speciesGroups: ['elephant', 'big-cat'], cites: { taxa: ['Panthera pardus'] } },
          },
        ],
      }),
    );
    expect(two.verdict).toBe('unassessed');
    expect(two.reason).toContain('several species groups (elephant, big-cat)');
  });
  it('compares names ignoring case and spacing: a lower- or upper-case species is still a species', () => {
    const r = one(
      edition([big]),
      policy({
        rules: [{ id: 'x', scope: { speciesGroups: ['big-cat'], cites: { taxa: ['panthera  PARDUS'] } } }],
      }),
    );
    expect(r.verdict).toBe('partial');
    expect(r.missing?.scope).toEqual([
      expect.objectContaining({ kind: 'not-prohibited', taxa: ['Panthera uncia'] }),
    ]);
  });
  it('a subspecies is part of its species: partial, naming the rest of the species', () => {
    const tiger = provision({
      id: 'PWF-004',
      scope: { speciesGroups: ['big-cat'], cites: { taxa: ['Panthera tigris'] }, productTypes: ['trophies'] },
    });
    const r = one(
      edition([tiger]),
      policy({
        rules: [
          { id: 'amur', scope: { speciesGroups: ['big-cat'], cites: { taxa: ['Panthera tigris altaica'] } } },
        ],
      }),
    );
    expect(r.verdict).toBe('partial');
    expect(r.rules).toEqual([{ id: 'amur', pointer: '/rules/0' }]);
    expect(r.missing?.scope).toEqual([
      expect.objectContaining({ taxa: ['Panthera tigris'], exceptTaxa: ['Panthera tigris altaica'] }),
    ]);
    expect(r.missing?.scope[0]?.text).toContain(
      'big-cat [Panthera tigris] other than Panthera tigris altaica',
    );
  });
  it('a species covers a provision that names one of its subspecies', () => {
    const amur = provision({
      id: 'PWF-004',
      scope: { speciesGroups: ['big-cat'], cites: { taxa: ['Panthera tigris altaica'] } },
    });
    const r = one(
      edition([amur]),
      policy({
        rules: [{ id: 't', scope: { speciesGroups: ['big-cat'], cites: { taxa: ['Panthera tigris'] } } }],
      }),
    );
    expect(r.verdict).toBe('covers');
  });
  it('each part is judged by the rules that touch it: a higher taxon beside a named species leaves the rest unassessed', () => {
    const parts = provision({
      id: 'PWF-020',
      scope: { speciesGroups: ['big-cat'], productTypes: ['skins-leather', 'bones-teeth-claws'] },
    });
    const lionAndPanthera = policy({
      rules: [
        { id: 'lion', scope: { speciesGroups: ['big-cat'], cites: { taxa: ['Panthera leo'] } } },
        { id: 'panthera', scope: { speciesGroups: ['big-cat'], cites: { taxa: ['Panthera spp.'] } } },
      ],
    });
    const whole = one(edition([parts]), lionAndPanthera);
    expect(whole.verdict).toBe('unassessed');
    expect(whole.credit).toBe(0);
    expect(whole.reason).toContain('higher taxa (Panthera spp.)');
    // The rest of the group is touched by Panthera spp.: not a gap the tool could establish.
    expect(whole.missing?.scope.map((g) => g.kind)).toEqual(['not-comparable']);
    expect(whole.missing?.scope[0]).toMatchObject({ exceptTaxa: ['Panthera leo'] });
    expect(whole.message).not.toContain('not prohibited');

    const lionAndTiger = provision({
      id: 'PWF-021',
      scope: {
        speciesGroups: ['big-cat'],
        cites: { taxa: ['Panthera leo', 'Panthera tigris'] },
        productTypes: ['skins-leather'],
      },
    });
    const named = one(edition([lionAndTiger]), lionAndPanthera);
    expect(named.verdict).toBe('unassessed');
    expect(named.missing?.scope).toEqual([
      expect.objectContaining({ kind: 'not-comparable', taxa: ['Panthera tigris'] }),
    ]);
  });
  it('a rule naming a leopard beside one naming Neofelis spp. stays unassessed, not partial', () => {
    const five = provision({
      id: 'PWF-005',
      scope: {
        speciesGroups: ['big-cat'],
        cites: { taxa: ['Panthera pardus', 'Panthera uncia', 'Neofelis nebulosa'] },
        productTypes: ['skins-leather'],
      },
    });
    const neofelis: CompanyRule = {
      id: 'clouded',
      scope: { speciesGroups: ['big-cat'], cites: { taxa: ['Neofelis spp.'] } },
    };
    const leopard: CompanyRule = {
      id: 'leopard',
      scope: { speciesGroups: ['big-cat'], cites: { taxa: ['Panthera pardus'] } },
    };
    expect(one(edition([five]), policy({ rules: [neofelis] })).verdict).toBe('unassessed');
    const both = one(edition([five]), policy({ rules: [leopard, neofelis] }));
    expect(both.verdict).toBe('unassessed');
    expect(both.missing?.scope.every((g) => g.kind === 'not-comparable')).toBe(true);
    // Without the higher taxon, the gap is established: partial.
    const alone = one(edition([five]), policy({ rules: [leopard] }));
    expect(alone.verdict).toBe('partial');
    expect(alone.missing?.scope[0]).toMatchObject({
      kind: 'not-prohibited',
      taxa: ['Panthera uncia', 'Neofelis nebulosa'],
    });
  });
  it('"sp", "spp", "ssp." and the like stand for unnamed species: a higher taxon, unassessed', () => {
    for (const name of ['Panthera spp', 'Panthera sp', 'Panthera spp.', 'Panthera pardus ssp']) {
      const r = one(
        edition([big]),
        policy({ rules: [{ id: 'x', scope: { speciesGroups: ['big-cat'], cites: { taxa: [name] } } }] }),
      );
      expect(r.verdict, name).toBe('unassessed');
      expect(r.reason, name).toContain(`higher taxa (${name})`);
    }
  });
});

describe('waivers', () => {
  const waived = (expires: string) =>
    diffPolicy(
      edition([ivory, provision({ id: 'PWF-002', level: 'should', scope: { speciesGroups: ['rhino'] } })]),
      policy({
        rules: [{ id: 'rhino', scope: { speciesGroups: ['rhino'] } }],
        waivers: [{ provision: 'PWF-001', reason: 'in legal review', expires }],
      }),
      { today: TODAY },
    );
  it('a valid waiver keeps the verdict, adds `waiver` and takes the provision out of the score', () => {
    const r = waived('2026-05-01');
    expect(r.provisions[0]).toMatchObject({
      verdict: 'missing',
      counted: false,
      waiver: { reason: 'in legal review', expires: '2026-05-01', pointer: '/waivers/0' },
    });
    expect(r.summary.score).toBe(100);
    expect(r.summary.waived).toBe(1);
    expect(r.summary.mustGaps).toBe(0);
  });
  it('an expired waiver stops counting and is reported', () => {
    const r = waived('2026-04-30');
    expect(r.provisions[0]?.waiver).toBeUndefined();
    expect(r.provisions[0]).toMatchObject({
      verdict: 'missing',
      counted: true,
      expiredWaiver: { expires: '2026-04-30' },
    });
    expect(r.summary.score).toBe(25); // must 3 × 0 + should 1 × 1 over 4
    expect(r.findings).toContainEqual(
      expect.objectContaining({ code: 'waiver-expired', provision: 'PWF-001' }),
    );
  });
  it('a waiver on a provision declared not applicable has no effect: neither attached nor counted as waived', () => {
    const r = diffPolicy(
      edition([ivory]),
      policy({
        rules: [],
        notApplicable: [{ provision: 'PWF-001', reason: 'no ivory on a search engine' }],
        waivers: [{ provision: 'PWF-001', reason: 'belt and braces', expires: '2030-01-01' }],
      }),
      { today: TODAY },
    );
    expect(r.provisions[0]?.verdict).toBe('not-applicable');
    expect(r.provisions[0]?.waiver).toBeUndefined();
    expect(r.summary.waived).toBe(0);
    expect(r.findings).toContainEqual(
      expect.objectContaining({ code: 'waiver-on-not-applicable', provision: 'PWF-001' }),
    );
    expect(formatReportText(r)).not.toMatch(/waived until|\d waived/);
  });
});

describe('mappings', () => {
  it('flags a mapping the scopes contradict (the provision is only partly covered)', () => {
    const r = one(
      edition([ivory]),
      policy({
        rules: [{ id: 'raw', scope: { speciesGroups: ['elephant'], productTypes: ['raw-ivory'] } }],
        mappings: [
          { provision: 'PWF-001', rules: ['raw'], evidence: { url: 'https://example.test/p', clause: '2' } },
        ],
      }),
    );
    expect(r.mapping).toMatchObject({ contradicted: true, rules: ['raw'], pointer: '/mappings/0' });
    expect(r.mapping?.contradictions[0]).toContain('partial');
  });
  it('flags a mapped rule that prohibits nothing in the provision scope', () => {
    const r = one(
      edition([ivory]),
      policy({
        rules: [
          { id: 'all-elephant', scope: { speciesGroups: ['elephant'] } },
          { id: 'rhino', scope: { speciesGroups: ['rhino'] } },
        ],
        mappings: [{ provision: 'PWF-001', rules: ['all-elephant', 'rhino'] }],
      }),
    );
    expect(r.verdict).toBe('exceeds');
    expect(r.mapping?.contradicted).toBe(true);
    expect(r.mapping?.contradictions).toEqual([
      'rule "rhino" is mapped to PWF-001 but prohibits nothing in its scope',
    ]);
  });
  it('accepts a mapping the scopes confirm', () => {
    const r = one(
      edition([ivory]),
      policy({
        rules: [{ id: 'e', scope: { speciesGroups: ['elephant'] } }],
        mappings: [{ provision: 'PWF-001', rules: ['e'] }],
      }),
    );
    expect(r.mapping).toMatchObject({ contradicted: false, contradictions: [] });
  });
});

describe('editions', () => {
  const withdrawn = provision({
    id: 'PWF-007',
    status: 'withdrawn',
    replacedBy: ['PWF-019'],
    scope: { speciesGroups: ['marine-turtle'], productTypes: ['shells'] },
  });
  const turtles = provision({ id: 'PWF-019', scope: { speciesGroups: ['marine-turtle'] } });
  it('does not assess withdrawn provisions, lists them, and flags declarations that refer to them', () => {
    const report = diffPolicy(
      edition([withdrawn, turtles]),
      policy({
        rules: [{ id: 't', scope: { speciesGroups: ['marine-turtle'] } }],
        mappings: [{ provision: 'PWF-007', rules: ['t'] }],
      }),
      { today: TODAY },
    );
    expect(report.provisions.map((p) => p.id)).toEqual(['PWF-019']);
    expect(report.withdrawn).toEqual([{ id: 'PWF-007', title: 'PWF-007', replacedBy: ['PWF-019'] }]);
    expect(report.findings).toContainEqual(
      expect.objectContaining({ code: 'refers-to-withdrawn', provision: 'PWF-007' }),
    );
  });
  it('assesses deprecated provisions and says so', () => {
    const r = one(edition([provision({ ...ivory, status: 'deprecated' })]), policy({ rules: [] }));
    expect(r).toMatchObject({ status: 'deprecated', verdict: 'missing' });
  });
});

describe('score', () => {
  it('weights must 3 and should 1; partial earns half', () => {
    const report = diffPolicy(
      edition([
        ivory,
        provision({
          id: 'PWF-002',
          level: 'should',
          scope: { speciesGroups: ['rhino'], productTypes: ['horn', 'trophies'] },
        }),
      ]),
      policy({ rules: [{ id: 'horn', scope: { speciesGroups: ['rhino'], productTypes: ['horn'] } }] }),
      { today: TODAY },
    );
    expect(report.provisions.map((p) => p.verdict)).toEqual(['missing', 'partial']);
    expect(report.summary.score).toBe(12.5); // (3×0 + 1×0.5) / 4
    expect(report.summary.mustGaps).toBe(1);
  });
  it('a should provision raised to must weighs more', () => {
    const p = (level: 'must' | 'should') =>
      diffPolicy(
        edition([ivory, provision({ id: 'PWF-002', level, scope: { speciesGroups: ['rhino'] } })]),
        policy({ rules: [{ id: 'r', scope: { speciesGroups: ['rhino'] } }] }),
        {
          today: TODAY,
        },
      ).summary.score;
    expect(p('should')).toBe(25);
    expect(p('must')).toBe(50);
  });
});
