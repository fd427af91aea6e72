import { describe, expect, it } from 'vitest';
import { validate } from './validate.ts';
import { compareEditionIds, SPECIES_GROUPS } from './vocabularies.ts';
import { formatIssue, locateIssues, parseSource } from './yaml-source.ts';

describe('validate', () => {
  it('reports unknown keys and wrong enum values with a JSON pointer', () => {
    const issues = validate('health', { status: 'fine', version: '1', database: 'ok', extra: 1 });
    expect(issues).toContainEqual({ pointer: '/extra', message: 'unknown key "extra" in document' });
    expect(issues).toContainEqual({
      pointer: '/status',
      message: '"status" must be one of "ok", "degraded"',
    });
  });
  it('accepts a valid document', () => {
    expect(validate('health', { status: 'ok', version: '1', database: 'ok' })).toEqual([]);
  });
});

describe('parseSource', () => {
  it('locates a pointer in YAML as line:col', () => {
    const src = parseSource('status: ok\nversion: "1"\ndatabase: nope\n');
    const issues = locateIssues(src, validate('health', src.data));
    expect(issues).toHaveLength(1);
    expect(formatIssue('h.yaml', issues[0]!)).toBe(
      'h.yaml:3:11: "database" must be one of "ok", "unreachable" (at /database)',
    );
  });
  it('reports malformed YAML and duplicate keys with their position', () => {
    expect(parseSource('a: [1, 2\nb: 3\n').syntaxErrors[0]).toMatchObject({ line: expect.any(Number) });
    const dup = parseSource('a: 1\na: 2\n');
    expect(dup.data).toBeUndefined();
    expect(dup.syntaxErrors[0]).toMatchObject({ line: 2, col: 1 });
  });
  it('locates the nearest existing parent of a missing key', () => {
    const src = parseSource('items:\n  - name: x\n');
    expect(src.locate('/items/0/missing')).toEqual({ line: 2, col: 5 });
  });
});

describe('vocabularies', () => {
  it('orders edition ids by year then revision', () => {
    expect(['2020.1', '2016', '2020', '2017'].sort(compareEditionIds)).toEqual([
      '2016',
      '2017',
      '2020',
      '2020.1',
    ]);
  });
  it('lists the nine species groups once', () => {
    expect(SPECIES_GROUPS).toHaveLength(9);
  });
});

describe('validate a definition', () => {
  it('validates against a $defs entry of a schema', () => {
    expect(validate('identity#/$defs/memberUpdate', { role: 'admin' })).toEqual([]);
    expect(validate('identity#/$defs/memberUpdate', { role: 'boss' })[0]?.message).toContain(
      '"role" must be one of',
    );
  });
});

describe('type messages', () => {
  it('reads like a sentence for one or several types', () => {
    expect(validate('screen-request', { listings: [{ id: true }] })[0]?.message).toBe(
      '"listings.0.id" must be a string or an integer',
    );
    expect(validate('screen-request', { listings: 'x' })[0]?.message).toBe('"listings" must be an array');
  });
});
