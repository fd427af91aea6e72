import { validate } from '@ewto/schemas';
import changesSchema from '@ewto/schemas/edition-changes.schema.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { compareEditions } from './changes.ts';
import { formatChangesText } from './format/changes-text.ts';
import { formatChangesMarkdown } from './format/markdown.ts';
import type { CompanyPolicy, FrameworkEdition, Provision } from './types.ts';

const TODAY = '2026-05-01';

const p = (id: string, extra: Partial<Provision>): Provision => ({
  id,
  title: `Title ${id}`,
  status: 'active',
  level: 'must',
  category: 'prohibited-products',
  statement: `Statement of ${id}.`,
  introduced: '2017',
  ...extra,
});
const ed = (version: string, provisions: Provision[]): FrameworkEdition => ({
  kind: 'framework-edition',
  version,
  title: `Edition ${version}`,
  released: version,
  provenance: 'illustrative',
  sources: [],
  provisions: provisions as [Provision, ...Provision[]],
});
const older = ed('2017', [
  p('PWF-001', { scope: { speciesGroups: ['elephant'], listingTypes: ['sale', 'wanted'] } }),
  p('PWF-002', { scope: { speciesGroups: ['rhino'], listingTypes: ['sale', 'wanted'] } }),
]);
const newer = ed('2020', [
  p('PWF-001', { scope: { speciesGroups: ['elephant'], listingTypes: ['sale', 'wanted', 'livestream'] } }),
  p('PWF-002', { scope: { speciesGroups: ['rhino'], listingTypes: ['sale', 'wanted', 'auction'] } }),
]);
const policy: CompanyPolicy = {
  kind: 'company-policy',
  company: 'Impact Co',
  platform: { listingTypes: ['sale', 'wanted', 'auction'] },
  rules: [],
  waivers: [{ provision: 'PWF-002', reason: 'rhino rule in review.', expires: '2027-06-30' }],
};
const c = compareEditions(older, newer, { policy, today: TODAY });
const action = (id: string) => c.policy!.actions.find((a) => a.provision === id);

describe('what a company must change for a newer edition', () => {
  it('is a valid edition-changes document', () => {
    expect(validate('edition-changes', c)).toEqual([]);
  });
  it('lists a waived provision too, with its waiver, in every format', () => {
    expect(action('PWF-002')).toMatchObject({
      verdictTo: 'missing',
      waiver: { expires: '2027-06-30', reason: 'rhino rule in review.', pointer: '/waivers/0' },
    });
    expect(formatChangesText(c)).toMatch(/PWF-002 .*\(waived until 2027-06-30\)/);
    expect(formatChangesMarkdown(c)).toContain(
      '### PWF-002 Title PWF-002 (must, missing, changed-provision, waived until 2027-06-30)',
    );
  });
  it('the schema says what the tool does: waived provisions are among the actions, with `waiver`', () => {
    const described = changesSchema.$defs.policyImpact.properties.actions.description;
    expect(described).not.toMatch(/not waived/);
    expect(described).toMatch(/waived provisions are listed too/i);
  });
  it('caps the rule ids in a to-do line: a policy of many rules does not make one line of them all', () => {
    const many: CompanyPolicy = {
      ...policy,
      rules: Array.from({ length: 500 }, (_, i) => ({
        id: `elephant-sale-${i}`,
        scope: { speciesGroups: ['elephant'], listingTypes: ['sale'] },
      })),
    };
    const todo = compareEditions(older, newer, { policy: many, today: TODAY }).policy!.actions.find(
      (a) => a.provision === 'PWF-001',
    )!.todo;
    expect(todo).toEqual([
      'Prohibit elephant: all products; listing types: wanted (extend rules elephant-sale-0, elephant-sale-1, elephant-sale-2, elephant-sale-3 and 496 more, or add a rule)',
    ]);
  });
  it('counts a change to listing types only when it touches listing types the platform hosts', () => {
    // PWF-001 only adds livestream, which the platform does not host: nothing new is asked of it.
    expect(action('PWF-001')).toMatchObject({ cause: 'outstanding', changes: [] });
    expect(action('PWF-002')).toMatchObject({ cause: 'changed-provision', changes: ['listing-types-added'] });
    const everything = compareEditions(older, newer, {
      policy: { ...policy, platform: {} },
      today: TODAY,
    });
    expect(everything.policy!.actions.find((a) => a.provision === 'PWF-001')).toMatchObject({
      cause: 'changed-provision',
      changes: ['listing-types-added'],
    });
  });
});
