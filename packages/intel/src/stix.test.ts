import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TLP_MARKINGS, toStixBundle } from './stix.ts';
import { ALERT, ISSUER, publication, REPORT } from './testing/fixtures.ts';
import { referenceDir, stixObjectValidator } from './testing/stix-schemas.ts';
import { uuidv5 } from './uuid5.ts';

const claims = (over: Record<string, unknown> = {}) => {
  const p = publication();
  return {
    iss: ISSUER,
    aud: '019a0000-0000-7000-8000-00000000000a',
    iat: 1_790_000_000,
    nbf: 1_790_000_000,
    exp: 1_800_000_000,
    jti: '019a0000-0000-7000-8000-000000000002',
    kind: p.kind,
    publication: p.publication,
    author: p.author,
    tlp: p.tlp,
    handling: p.handling,
    grades: p.grades,
    body: ALERT,
    ...over,
  } as Parameters<typeof toStixBundle>[0];
};

describe('STIX 2.1 export', () => {
  const validate = stixObjectValidator();

  it('UUIDv5 matches RFC 9562 (uuid5(NAMESPACE_DNS, "python.org"))', async () => {
    expect(await uuidv5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'python.org')).toBe(
      '886313e1-3b8a-5372-9b90-0c9aee199e5d',
    );
  });

  it('the TLP 2.0 marking ids are the OASIS ones', () => {
    const ref = JSON.parse(
      readFileSync(join(referenceDir(), 'tlp-2.0/tlp-2.0-marking-definitions.json'), 'utf8'),
    ) as { markings: Array<{ name: string; id: string }> };
    for (const m of ref.markings) {
      const ours = Object.values(TLP_MARKINGS).find((x) => x.name === m.name);
      expect(ours?.id).toBe(m.id);
    }
  });

  for (const [name, over] of [
    ['trend alert', {}],
    ['network report (TLP:RED)', { kind: 'network-report', body: REPORT, tlp: 'RED' }],
  ] as const)
    it(`a ${name} bundle validates against the OASIS schemas, object by object`, async () => {
      const bundle = await toStixBundle(claims(over));
      expect(validate(bundle)).toEqual([]);
      for (const o of bundle.objects) expect(validate(o)).toEqual([]);
      const marking = bundle.objects.find((o) => o.type === 'marking-definition');
      expect(marking?.id).toBe(TLP_MARKINGS[(over as { tlp?: 'RED' }).tlp ?? 'GREEN'].id);
      // The validator does refuse what is not STIX.
      expect(validate({ ...marking!, id: 'marking-definition--x' })).not.toEqual([]);
      const ids = bundle.objects.map((o) => o.id);
      expect(new Set(ids).size).toBe(ids.length);
    });

  it('ids are deterministic: a re-export of the same package gives the same bundle', async () => {
    const one = await toStixBundle(claims({ kind: 'network-report', body: REPORT }));
    const two = await toStixBundle(claims({ kind: 'network-report', body: REPORT }));
    expect(two).toEqual(one);
    const indicators = one.objects.filter((o) => o.type === 'indicator');
    expect(indicators.map((o) => o.pattern)).toEqual([
      "[url:value = 'https://market.example/item/1?q=it\\'s']",
    ]);
    const rels = one.objects.filter((o) => o.type === 'relationship').map((o) => o.relationship_type);
    expect(rels.sort()).toEqual(['based-on', 'linked-to', 'pays-to', 'posted']);
  });
});
