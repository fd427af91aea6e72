/**
 * The OASIS STIX 2.1 JSON Schemas of ../shared/reference (beside the repository, or beside the
 * worktree folder), as a validator of STIX objects, for tests of the STIX export.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const BASE = 'http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/';
const BY_TYPE: Record<string, string> = {
  bundle: 'common/bundle.json',
  identity: 'sdos/identity.json',
  indicator: 'sdos/indicator.json',
  report: 'sdos/report.json',
  relationship: 'sros/relationship.json',
  'marking-definition': 'common/marking-definition.json',
  'user-account': 'observables/user-account.json',
  url: 'observables/url.json',
};

/** ../shared/reference beside the repository (or beside the worktree folder). */
export function referenceDir(): string {
  const repo = resolve(import.meta.dirname, '../../../..');
  for (const dir of [resolve(repo, '../shared/reference'), resolve(repo, '../../shared/reference')])
    if (existsSync(dir)) return dir;
  throw new Error(`the reference schemas (../shared/reference) are missing beside ${repo}`);
}

/** Validates one STIX object (a bundle too) against the schema of its type; answers the problems. */
export function stixObjectValidator(): (o: { type: string; [k: string]: unknown }) => string[] {
  const root = join(referenceDir(), 'stix2.1-json-schemas/schemas');
  const ajv = new Ajv2020({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats.default(ajv);
  ajv.addFormat('idn-hostname', true);
  for (const dir of readdirSync(root))
    for (const f of readdirSync(join(root, dir)))
      ajv.addSchema(JSON.parse(readFileSync(join(root, dir, f), 'utf8')));
  return (o) => {
    const file = BY_TYPE[o.type];
    if (!file) return [`no schema for STIX type ${o.type}`];
    const fn = ajv.getSchema(BASE + file)!;
    return fn(o) ? [] : (fn.errors ?? []).map((e) => `${o.type} ${e.instancePath} ${e.message}`);
  };
}
