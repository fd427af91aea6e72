import { formatIssue } from '@ewto/schemas';
import { describe, expect, it } from 'vitest';
import { parseCompanyPolicy, parseDocument, parseEdition } from './parse.ts';
import type { FrameworkEdition } from './types.ts';

const edition: FrameworkEdition = {
  kind: 'framework-edition',
  version: '2020',
  title: 'Test',
  released: '2020',
  provenance: 'illustrative',
  sources: [],
  provisions: [
    {
      id: 'PWF-001',
      title: 'a',
      status: 'active',
      level: 'must',
      category: 'prohibited-products',
      statement: 's',
      introduced: '2020',
      scope: { speciesGroups: ['elephant'] },
    },
    {
      id: 'PWF-007',
      title: 'b',
      status: 'withdrawn',
      level: 'must',
      category: 'prohibited-products',
      statement: 's',
      introduced: '2020',
      replacedBy: ['PWF-001'],
      scope: { speciesGroups: ['marine-turtle'] },
    },
  ],
};

const lines = (text: string, options = {}) => {
  const r = parseDocument(text, { editions: [edition], today: '2026-05-01', ...options });
  return (r.ok ? r.warnings : r.issues).map((i) =>
    formatIssue('p.yaml', { ...i, message: `${i.severity}: ${i.message}` }),
  );
};

const policy = (body: string) => `kind: company-policy\ncompany: Test Co\n${body}`;

describe('located, actionable errors', () => {
  it('malformed YAML', () => {
    const r = parseCompanyPolicy(policy('rules:\n  - id: a\n    scope: {speciesGroups: [elephant\n'));
    expect(r.ok).toBe(false);
    // Located at the brackets that are opened and never closed, not where the parser gave up (6:1).
    expect(r.ok ? [] : r.issues.map((i) => `${i.line}:${i.col} ${i.message}`)).toEqual([
      '5:12 malformed YAML: the mapping opened here with "{" has no matching "}" (it must end with one, and lines it continues on must be indented further than its key)',
      '5:28 malformed YAML: the list opened here with "[" has no matching "]" (it must end with one, and lines it continues on must be indented further than its key)',
    ]);
  });
  it('an unclosed list followed by more keys is named at its "["', () => {
    expect(
      lines(
        policy(
          'rules:\n  - id: ivory\n    scope:\n      speciesGroups: [elephant\n      productTypes: [raw-ivory]\n',
        ),
      ),
    ).toEqual([
      'p.yaml:6:22: error: malformed YAML: the list opened here with "[" has no matching "]" (it must end with one, and lines it continues on must be indented further than its key)',
    ]);
  });
  it('a tab-indented or badly indented block', () => {
    const r = parseCompanyPolicy(policy('rules:\n  - id: a\n     scope: {}\n'));
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.issues.map((i) => `${i.line}:${i.col} ${i.message}`)).toEqual([
      '4:9 malformed YAML: Nested mappings are not allowed in compact mappings',
      '4:9 malformed YAML: Implicit keys need to be on a single line',
    ]);
  });
  it('an unknown key, with its field path', () => {
    expect(lines(policy('rules:\n  - id: a\n    scope:\n      species: [elephant]\n'))).toEqual([
      'p.yaml:6:7: error: unknown key "species" in "rules.0.scope" (at /rules/0/scope/species)',
    ]);
  });
  it('a wrong enum value, saying what was expected', () => {
    const [line] = lines(policy('rules:\n  - id: a\n    scope:\n      speciesGroups: [elephant, unicorn]\n'));
    expect(line).toMatch(
      /^p\.yaml:6:33: error: "rules\.0\.scope\.speciesGroups\.1" must be one of "elephant", "rhino", .*"reptile"; got "unicorn" \(at \/rules\/0\/scope\/speciesGroups\/1\)$/,
    );
  });
  it('suggests the likely fix for a misspelt key or value', () => {
    expect(
      lines(
        policy(
          'rules:\n  - id: a\n    scope:\n      productType: [horn]\n      listingTypes: [livestreem]\n',
        ),
      ),
    ).toEqual([
      'p.yaml:6:7: error: unknown key "productType" in "rules.0.scope"; did you mean "productTypes"? (at /rules/0/scope/productType)',
      'p.yaml:7:22: error: "rules.0.scope.listingTypes.0" must be one of "sale", "wanted", "auction", "advertisement", "social-post", "livestream", "group-message"; got "livestreem", did you mean "livestream"? (at /rules/0/scope/listingTypes/0)',
    ]);
  });
  it('one error per wrong value, with the likely value also for a number or a part of a name', () => {
    expect(
      lines(
        policy(
          'rules:\n  - id: a\n    scope:\n      cites: {appendices: [1]}\n      exceptions: [antique]\n',
        ),
      ),
    ).toEqual([
      'p.yaml:6:28: error: "rules.0.scope.cites.appendices.0" must be one of "I", "II", "III", "not-listed"; got 1 (not text), did you mean "I"? (at /rules/0/scope/cites/appendices/0)',
      'p.yaml:7:20: error: "rules.0.scope.exceptions.0" must be one of "pre-convention-antique", "cites-permit", "captive-bred-registered", "musical-instrument-certificate", "scientific-institution"; got "antique", did you mean "pre-convention-antique"? (at /rules/0/scope/exceptions/0)',
    ]);
    expect(lines(policy('rules:\n  - id: a\n    scope: {productTypes: [ivory]}\n'))[0]).toContain(
      'got "ivory", did you mean "raw-ivory" or "ivory-carvings"?',
    );
  });
  it('a provision id without its leading zeros, with the fix', () => {
    expect(lines(policy('notApplicable:\n  - provision: PWF-18\n    reason: no search\n'))).toEqual([
      'p.yaml:4:16: error: "notApplicable.0.provision" must be a provision id: "PWF-" and at least three digits, e.g. "PWF-018"; got "PWF-18"; write "PWF-018" (at /notApplicable/0/provision)',
    ]);
  });
  it('an empty list: leave it out to mean every value', () => {
    expect(lines(policy('rules:\n  - id: a\n    scope:\n      productTypes: []\n'))).toEqual([
      'p.yaml:6:7: error: "rules.0.scope.productTypes" is an empty list, which would mean nothing at all: leave the list out to mean every value (at /rules/0/scope/productTypes)',
    ]);
  });
  it('cross-reference errors come with schema errors, not in a second round', () => {
    const text = policy(
      [
        'rules:',
        '  - id: ivory',
        '    scope: {speciesGroups: [elefant]}',
        'measures: []',
        'mappings:',
        '  - provision: PWF-099',
        '    rules: [ivroy]',
        'waivers:',
        '  - {provision: PWF-001, reason: r, expires: "2027-02-30"}',
        '  - {provision: PWF-001, reason: r, expires: "2027-03-01"}',
        '',
      ].join('\n'),
    );
    expect(lines(text).map((l) => l.replace(/ \(at .*$/, '').slice(0, 90))).toEqual([
      'p.yaml:5:29: error: "rules.0.scope.speciesGroups.0" must be one of "elephant", "rhino", "p',
      'p.yaml:8:16: error: unknown provision "PWF-099": no edition (2020) has it',
      'p.yaml:9:13: error: unknown rule "ivroy": expected one of "ivory"',
      'p.yaml:11:46: error: "waivers.0.expires" must be a valid date',
      'p.yaml:12:17: error: PWF-001 has a second waiver (the first is on line 11)',
    ]);
  });
  it('a duplicate rule id', () => {
    expect(lines(policy('rules:\n  - id: a\n    scope: {}\n  - id: a\n    scope: {}\n'))).toEqual([
      'p.yaml:6:9: error: duplicate rule id "a" (first used on line 4) (at /rules/1/id)',
    ]);
  });
  it('a duplicate provision id in an edition', () => {
    const text = [
      'kind: framework-edition',
      'version: "2020"',
      'title: T',
      'released: "2020"',
      'provenance: illustrative',
      'sources: []',
      'provisions:',
      '  - {id: PWF-001, title: a, status: active, level: must, category: transparency, statement: s, introduced: "2020", measures: [metrics-reporting]}',
      '  - {id: PWF-001, title: b, status: active, level: must, category: transparency, statement: s, introduced: "2020", measures: [metrics-reporting]}',
      '',
    ].join('\n');
    expect(lines(text, { editions: [] })).toEqual([
      'p.yaml:9:10: error: duplicate provision id "PWF-001" (first used on line 8); provision ids are never reused (at /provisions/1/id)',
    ]);
  });
  it('a reference to an unknown provision, rule or measure', () => {
    const text = policy(
      [
        'rules:',
        '  - id: ivory',
        '    scope: {speciesGroups: [elephant]}',
        'measures: []',
        'mappings:',
        '  - provision: PWF-999',
        '    rules: [ivroy]',
        '    measures: [keyword-filter]',
        '',
      ].join('\n'),
    );
    expect(lines(text)).toEqual([
      'p.yaml:8:16: error: unknown provision "PWF-999": no edition (2020) has it (at /mappings/0/provision)',
      'p.yaml:9:13: error: unknown rule "ivroy": expected one of "ivory" (at /mappings/0/rules/0)',
      'p.yaml:10:16: error: unknown measure "keyword-filter": the policy\'s measures are none; add it under "measures" or remove it here (at /mappings/0/measures/0)',
    ]);
  });
  it('an expired waiver and a reference to a withdrawn provision are warnings, not errors', () => {
    const text = policy(
      'waivers:\n  - provision: PWF-001\n    reason: r\n    expires: "2026-04-30"\nnotApplicable:\n  - provision: PWF-007\n    reason: no turtles\n',
    );
    const r = parseCompanyPolicy(text, { editions: [edition], today: '2026-05-01' });
    expect(r.ok).toBe(true);
    expect(lines(text)).toEqual([
      'p.yaml:6:14: warning: waiver for PWF-001 expired on 2026-04-30; it no longer counts (at /waivers/0/expires)',
      'p.yaml:8:16: warning: PWF-007 is withdrawn in edition 2020; refer to PWF-001 instead (at /notApplicable/0/provision)',
    ]);
  });
  it('a reference to a withdrawn provision is a warning only as of the edition compared with', () => {
    const text = policy('notApplicable:\n  - provision: PWF-007\n    reason: no turtles\n');
    const older: FrameworkEdition = {
      ...edition,
      version: '2017',
      provisions: [
        edition.provisions[0]!,
        { ...edition.provisions[1]!, status: 'active', replacedBy: undefined, introduced: '2017' },
      ],
    };
    const warnings = (options: { edition?: FrameworkEdition }) => {
      const r = parseCompanyPolicy(text, { editions: [older, edition], ...options });
      return r.ok ? r.warnings.map((w) => w.message) : ['invalid'];
    };
    expect(warnings({})).toEqual(['PWF-007 is withdrawn in edition 2020; refer to PWF-001 instead']);
    expect(warnings({ edition })).toEqual(['PWF-007 is withdrawn in edition 2020; refer to PWF-001 instead']);
    expect(warnings({ edition: older })).toEqual([]);
  });
  it('taxa without the species group they belong to', () => {
    expect(
      lines(policy('rules:\n  - id: leopard\n    scope:\n      cites: {taxa: [Panthera pardus]}\n')),
    ).toEqual([
      'p.yaml:6:15: error: cites.taxa (Panthera pardus) needs "speciesGroups" naming the group of these taxa, e.g. speciesGroups: [big-cat] for Panthera pardus: the tool has no taxonomy and cannot tell which species group a name belongs to (at /rules/0/scope/cites/taxa)',
    ]);
    expect(
      lines(
        policy(
          'rules:\n  - id: leopard\n    scope:\n      speciesGroups: [big-cat]\n      cites: {taxa: [Panthera pardus]}\n',
        ),
      ),
    ).toEqual([]);
  });
  it('a missing or unknown kind', () => {
    expect(lines('company: x\n')).toEqual([
      'p.yaml:1:1: error: document is missing required key "kind": expected "kind: framework-edition" or "kind: company-policy"',
    ]);
    expect(lines('kind: policy\ncompany: x\n')[0]).toBe(
      'p.yaml:1:7: error: "kind" must be one of "framework-edition", "company-policy" (got "policy") (at /kind)',
    );
  });
  it('an unquoted year, with the fix', () => {
    expect(lines(policy('framework: 2020\n'))).toEqual([
      'p.yaml:3:12: error: "framework" must be a string (write it in quotes: "2020") (at /framework)',
    ]);
  });
  it('a date written as a number: a date YYYY-MM-DD is expected, not quotes around 30', () => {
    expect(lines(policy('waivers:\n  - provision: PWF-001\n    reason: r\n    expires: 30\n'))).toEqual([
      'p.yaml:6:14: error: "waivers.0.expires" must be a date YYYY-MM-DD, e.g. "2027-06-30" (got the number 30) (at /waivers/0/expires)',
    ]);
  });
  it('a duplicate rule id far from the first names the line of the first', () => {
    const rules = Array.from({ length: 20 }, (_, i) => `  - id: r${i}\n    scope: {}\n`).join('');
    expect(lines(policy(`rules:\n${rules}  - id: r16\n    scope: {}\n`))).toEqual([
      'p.yaml:44:9: error: duplicate rule id "r16" (first used on line 36) (at /rules/20/id)',
    ]);
  });
  it('an invalid date', () => {
    expect(
      lines(policy('waivers:\n  - provision: PWF-001\n    reason: r\n    expires: "2026-02-30"\n')),
    ).toEqual(['p.yaml:6:14: error: "waivers.0.expires" must be a valid date (at /waivers/0/expires)']);
  });
  it('JSON input is located too', () => {
    const r = parseCompanyPolicy(
      '{\n  "kind": "company-policy",\n  "company": "X",\n  "rules": [{"id": "a", "scope": {"listingTypes": ["fax"]}}]\n}\n',
    );
    expect(r.ok ? [] : r.issues.map((i) => [i.line, i.col, i.pointer])).toEqual([
      [4, 52, '/rules/0/scope/listingTypes/0'],
    ]);
  });
  it('refuses the other kind when one is expected', () => {
    const r = parseEdition(policy(''));
    expect(r.ok ? '' : r.issues[0]!.message).toBe('expected a framework-edition here, got a company-policy');
  });
  it('accepts a valid policy', () => {
    const r = parseCompanyPolicy(policy('rules:\n  - id: a\n    scope: {speciesGroups: [elephant]}\n'), {
      editions: [edition],
    });
    expect(r.ok).toBe(true);
  });
});

describe('edition checks', () => {
  const base = (provisions: string) =>
    `kind: framework-edition\nversion: "2020"\ntitle: T\nreleased: "2020"\nprovenance: illustrative\nsources: [{id: s, title: S, provenance: published}]\nprovisions:\n${provisions}`;
  it('unknown replacedBy, replacedBy on an active provision, unknown source', () => {
    const text = base(
      [
        '  - {id: PWF-001, title: a, status: withdrawn, level: must, category: transparency, statement: s, introduced: "2020", measures: [metrics-reporting], replacedBy: [PWF-002]}',
        '  - {id: PWF-003, title: b, status: active, level: must, category: transparency, statement: s, introduced: "2020", measures: [metrics-reporting], replacedBy: [PWF-001], sources: [t]}',
        '',
      ].join('\n'),
    );
    expect(lines(text, { editions: [] })).toEqual([
      'p.yaml:8:163: error: unknown provision "PWF-002": expected the id of a provision of this edition (at /provisions/0/replacedBy/0)',
      'p.yaml:9:147: error: "replacedBy" is only for deprecated or withdrawn provisions (PWF-003 is active) (at /provisions/1/replacedBy)',
      'p.yaml:9:160: warning: PWF-003 is replaced by PWF-001, which is withdrawn too (at /provisions/1/replacedBy/0)',
      'p.yaml:9:180: error: unknown source "t": expected one of "s" (at /provisions/1/sources/0)',
    ]);
  });
  it('a provision of the previous edition may not disappear or come back', () => {
    const older: FrameworkEdition = { ...edition, version: '2017' };
    const text = base(
      '  - {id: PWF-007, title: b, status: active, level: must, category: transparency, statement: s, introduced: "2020", measures: [metrics-reporting]}\n',
    ).replace('provenance: illustrative', 'provenance: illustrative\nprevious: "2017"');
    expect(lines(text, { editions: [older] })).toEqual([
      'p.yaml:8:1: error: provision PWF-001 of edition 2017 is missing: keep it with status: withdrawn (ids are never dropped or reused) (at /provisions)',
      'p.yaml:9:37: error: PWF-007 was withdrawn in 2017 and cannot come back; issue a new id instead (at /provisions/0/status)',
    ]);
  });
});
