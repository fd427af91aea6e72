/**
 * Synthetic documents for the benchmark: a framework edition with N provisions and a company
 * policy with N rules, drawn from the shared vocabularies with a seeded generator (same every run).
 */
import { SPECIES_GROUPS } from '@ewto/schemas';
import { stringify } from 'yaml';
import type { CompanyPolicy, FrameworkEdition, Provision, Scope } from '../src/index.ts';
import { CITES_APPENDICES, EXCEPTIONS, LISTING_TYPES, MEASURES, PRODUCT_TYPES } from '../src/index.ts';

/** mulberry32: a small, fast, seeded PRNG. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function synthetic(n: number, seed = 2020) {
  const random = rng(seed);
  const int = (max: number) => Math.floor(random() * max);
  const pick = <T>(xs: readonly T[], k: number): T[] => {
    const copy = [...xs];
    const out: T[] = [];
    while (out.length < k && copy.length) out.push(copy.splice(int(copy.length), 1)[0]!);
    return out;
  };
  const scope = (): Scope => ({
    speciesGroups: pick(SPECIES_GROUPS, 1 + int(2)) as Scope['speciesGroups'],
    ...(random() < 0.25 ? { cites: { appendices: pick(CITES_APPENDICES, 1 + int(2)) as ['I'] } } : {}),
    ...(random() < 0.8 ? { productTypes: pick(PRODUCT_TYPES, 1 + int(5)) as Scope['productTypes'] } : {}),
    ...(random() < 0.6 ? { listingTypes: pick(LISTING_TYPES, 2 + int(4)) as Scope['listingTypes'] } : {}),
    ...(random() < 0.3 ? { exceptions: pick(EXCEPTIONS, 1) } : {}),
  });

  const id = (i: number) => `PWF-${String(i + 1).padStart(4, '0')}`;
  const provisions: Provision[] = Array.from({ length: n }, (_, i) => ({
    id: id(i),
    title: `Synthetic provision ${i + 1}`,
    status: i % 97 === 0 ? 'withdrawn' : i % 53 === 0 ? 'deprecated' : 'active',
    level: random() < 0.6 ? 'must' : 'should',
    category: 'prohibited-products',
    statement: `Do not allow listings in the scope of synthetic provision ${i + 1}.`,
    ...(i % 10 === 9 ? { measures: pick(MEASURES, 1 + int(2)) } : { scope: scope() }),
    introduced: '2030',
  }));
  const edition: FrameworkEdition = {
    kind: 'framework-edition',
    version: '2030',
    title: `Synthetic edition with ${n} provisions`,
    released: '2030',
    provenance: 'illustrative',
    sources: [],
    provisions: provisions as [Provision, ...Provision[]],
  };
  const policy: CompanyPolicy = {
    kind: 'company-policy',
    company: 'Synthetic Co',
    provenance: 'illustrative',
    rules: Array.from({ length: n }, (_, i) => ({
      id: `rule-${i + 1}`,
      title: `Rule ${i + 1}`,
      scope: scope(),
    })),
    measures: MEASURES.map((measure) => ({
      measure,
      ...(random() < 0.5 ? { speciesGroups: pick(SPECIES_GROUPS, 4) as Scope['speciesGroups'] } : {}),
    })),
    mappings: Array.from({ length: Math.floor(n / 20) }, (_, i) => ({
      provision: id(i * 20 + 1),
      rules: [`rule-${i * 20 + 1}`],
    })),
    notApplicable: Array.from({ length: Math.floor(n / 100) }, (_, i) => ({
      provision: id(i * 100 + 3),
      reason: 'not on this platform',
    })),
    waivers: Array.from({ length: Math.floor(n / 100) }, (_, i) => ({
      provision: id(i * 100 + 5),
      reason: 'rule in review',
      expires: i % 2 ? '2031-01-01' : '2029-01-01',
    })),
  };
  return { edition, policy, editionText: stringify(edition), policyText: stringify(policy) };
}

/**
 * A company policy of `n` rules as one platform might write it (rules with titles, evidence and
 * scopes drawn from the shared vocabularies, its measures), valid against the released editions.
 */
export function largePolicy(n: number, seed = 2017): string {
  const random = rng(seed);
  const int = (max: number) => Math.floor(random() * max);
  const pick = <T>(xs: readonly T[], k: number): T[] => {
    const copy = [...xs];
    const out: T[] = [];
    while (out.length < k && copy.length) out.push(copy.splice(int(copy.length), 1)[0]!);
    return out;
  };
  const policy: CompanyPolicy = {
    kind: 'company-policy',
    company: 'Large Synthetic Marketplace',
    framework: '2020',
    provenance: 'illustrative',
    rules: Array.from({ length: n }, (_, i) => ({
      id: `r-${i + 1}`,
      title: `Rule ${i + 1} of the synthetic marketplace`,
      scope: {
        speciesGroups: pick(SPECIES_GROUPS, 1 + int(2)) as Scope['speciesGroups'],
        ...(random() < 0.5 ? { productTypes: pick(PRODUCT_TYPES, 1 + int(4)) as Scope['productTypes'] } : {}),
        ...(random() < 0.3 ? { listingTypes: pick(LISTING_TYPES, 2 + int(3)) as Scope['listingTypes'] } : {}),
        ...(random() < 0.2 ? { exceptions: pick(EXCEPTIONS, 1) } : {}),
      },
      evidence: { url: 'https://example.com/policy', clause: `${1 + int(40)}.${1 + int(9)}` },
    })),
    measures: MEASURES.map((measure) => ({ measure })),
  };
  return stringify(policy);
}
