/**
 * Validators compiled once per schema (lazily, on first use) with ajv (draft 2020-12).
 * Errors carry a JSON Pointer and a message a person can act on.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { type SchemaName, schemas } from './catalog.ts';

export interface SchemaIssue {
  /** JSON Pointer (RFC 6901) of the offending value. */
  pointer: string;
  message: string;
  /** 1-based position in the source text, when the document came from YAML/JSON text. */
  line?: number;
  col?: number;
}

let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

/** A whole schema (`identity`) or a definition inside one (`identity#/$defs/member`). */
export type SchemaPath = SchemaName | `${SchemaName}#/${string}`;

function instance(): Ajv2020 {
  if (ajv) return ajv;
  ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats.default(ajv);
  for (const schema of Object.values(schemas)) ajv.addSchema(schema);
  return ajv;
}

/** The compiled validator of one schema or definition; compiled once per process. */
export function validator(name: SchemaPath): ValidateFunction {
  let fn = compiled.get(name);
  if (!fn) {
    const [base, fragment] = name.split('#') as [SchemaName, string | undefined];
    const schema = schemas[base];
    if (!schema) throw new Error(`schema ${base} not registered in schemas/src/catalog.ts`);
    fn = instance().getSchema(fragment ? `${schema.$id}#${fragment}` : schema.$id);
    if (!fn) throw new Error(`no schema at ${name}`);
    compiled.set(name, fn);
  }
  return fn;
}

/** Validates `data` against a schema (or one of its definitions); returns the issues (empty when valid). */
export function validate(name: SchemaPath, data: unknown): SchemaIssue[] {
  const fn = validator(name);
  if (fn(data)) return [];
  return describeErrors(fn.errors ?? []);
}

/** Turns ajv errors into one readable issue each, most specific first, duplicates dropped. */
export function describeErrors(errors: readonly ErrorObject[]): SchemaIssue[] {
  const seen = new Set<string>();
  const out: SchemaIssue[] = [];
  for (const e of errors) {
    if (e.keyword === 'if' || e.keyword === 'anyOf' || e.keyword === 'oneOf') continue;
    const issue = describe(e);
    const key = `${issue.pointer}\0${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(issue);
  }
  return out;
}

function describe(e: ErrorObject): SchemaIssue {
  const at = e.instancePath || '';
  const field = at === '' ? 'document' : `"${at.slice(1).replaceAll('/', '.')}"`;
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return {
        pointer: `${at}/${escapePointer(String(p.additionalProperty))}`,
        message: `unknown key "${p.additionalProperty}" in ${field}`,
      };
    case 'unevaluatedProperties':
      return {
        pointer: `${at}/${escapePointer(String(p.unevaluatedProperty))}`,
        message: `unknown key "${p.unevaluatedProperty}" in ${field}`,
      };
    case 'required':
      return { pointer: at, message: `${field} is missing required key "${p.missingProperty}"` };
    case 'enum':
      return {
        pointer: at,
        message: `${field} must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    case 'const':
      return { pointer: at, message: `${field} must be ${JSON.stringify(p.allowedValue)}` };
    case 'type': {
      const types = String(p.type).split(',');
      const named = types.map((t) => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`));
      const list = named.length > 1 ? `${named.slice(0, -1).join(', ')} or ${named.at(-1)}` : named[0];
      return { pointer: at, message: `${field} must be ${list}` };
    }
    case 'pattern':
      return { pointer: at, message: `${field} must match ${p.pattern}` };
    case 'format':
      return { pointer: at, message: `${field} must be a valid ${p.format}` };
    case 'uniqueItems':
      return { pointer: at, message: `${field} has duplicate items (${p.j} and ${p.i})` };
    default:
      return { pointer: at, message: `${field} ${e.message ?? 'is invalid'}` };
  }
}

const escapePointer = (s: string) => s.replaceAll('~', '~0').replaceAll('/', '~1');
