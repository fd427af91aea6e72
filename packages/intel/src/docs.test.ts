/** The examples of docs/intelligence.md are valid documents of the formats they illustrate. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type SchemaPath, validate } from '@ewto/schemas/validate';
import { describe, expect, it } from 'vitest';
import { checkNetworkReport } from './checks.ts';

const doc = readFileSync(resolve(import.meta.dirname, '../../../docs/intelligence.md'), 'utf8');
const SCHEMA: Record<string, SchemaPath> = {
  'trend-alert': 'trend-alert',
  'network-report': 'network-report',
  'alert-publish': 'intel#/$defs/alertPublish',
};

describe('docs/intelligence.md examples', () => {
  const examples = [...doc.matchAll(/<!-- example: ([a-z-]+) -->\n```json\n([\s\S]*?)\n```/g)];
  it('has one example per format', () => {
    expect(examples.map((m) => m[1]).sort()).toEqual(Object.keys(SCHEMA).sort());
  });
  for (const [, name, json] of examples)
    it(`${name} is valid and illustrative`, () => {
      const data = JSON.parse(json!);
      expect(validate(SCHEMA[name!]!, data)).toEqual([]);
      expect(JSON.stringify(data)).toContain('"provenance":"illustrative"');
      if (name === 'network-report') expect(checkNetworkReport(data)).toEqual([]);
    });
});
