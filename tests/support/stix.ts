/** The OASIS STIX 2.1 JSON Schemas of ../shared/reference, as one validator of bundles and their objects. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { repoRoot, sharedDir } from './paths.ts';

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

/** Validates a bundle and then each object against the schema of its type; answers the problems. */
export function stixValidator(): (bundle: { objects: Array<{ type: string }> }) => string[] {
  // In a git worktree the repository sits one level deeper than beside ../shared.
  const root = [sharedDir, resolve(repoRoot, '../../shared')]
    .map((d) => join(d, 'reference/stix2.1-json-schemas/schemas'))
    .find((d) => existsSync(d));
  if (!root) throw new Error(`the OASIS STIX schemas are missing (expected under ${sharedDir}/reference)`);
  const ajv = new Ajv2020({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats.default(ajv);
  ajv.addFormat('idn-hostname', true);
  for (const dir of readdirSync(root))
    for (const f of readdirSync(join(root, dir)))
      ajv.addSchema(JSON.parse(readFileSync(join(root, dir, f), 'utf8')));
  const check = (o: { type: string }): string[] => {
    const file = BY_TYPE[o.type];
    if (!file) return [`no schema for STIX type ${o.type}`];
    const fn = ajv.getSchema(BASE + file)!;
    return fn(o) ? [] : (fn.errors ?? []).map((e) => `${o.type} ${e.instancePath} ${e.message}`);
  };
  return (bundle) => [...check({ ...bundle, type: 'bundle' }), ...bundle.objects.flatMap(check)];
}
