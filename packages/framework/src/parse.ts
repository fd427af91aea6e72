/**
 * Text → validated document: YAML or JSON, the schema of its `kind`, then the semantic checks;
 * every issue located as line:col. Never throws on bad input.
 */
import { jsonErrorOffset, positionOf, type SchemaIssue, validate } from '@ewto/schemas';
import framework from '@ewto/schemas/framework.schema.json' with { type: 'json' };
import { checkCompanyPolicy, checkEdition, checkEditionSequence, type Issue } from './checks.ts';
import type { LocatedIssue } from './errors.ts';
import { type PolicySource, readSource, unclosedBrackets, valueAt } from './source.ts';
import { KNOWN_KEYS, suggest, suggestions } from './suggest.ts';
import type { CompanyPolicy, FrameworkEdition } from './types.ts';

export const DOCUMENT_KINDS = ['framework-edition', 'company-policy'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export interface ParseOptions {
  /** Released editions: a company policy's provision references and an edition's sequence are checked against them. */
  editions?: readonly FrameworkEdition[];
  /** YYYY-MM-DD: waivers that ended before it get a warning. */
  today?: string;
  /** The edition a company policy is being compared with (withdrawn-provision warnings); default the newest. */
  edition?: FrameworkEdition;
  /** Refuse documents of the other kind. */
  expect?: DocumentKind;
  /** What the text was sent as: `json` must be JSON (errors say "malformed JSON"); default YAML, which reads JSON too. */
  format?: 'yaml' | 'json';
}

export type Parsed<T> =
  | { ok: true; kind: DocumentKind; document: T; warnings: LocatedIssue[]; source: PolicySource }
  | { ok: false; kind?: DocumentKind; issues: LocatedIssue[]; source: PolicySource };

/**
 * Parses and validates a framework edition or a company policy, telling them apart by `kind:`.
 * @example
 * const r = parseDocument(text, { editions, today: '2026-05-01' });
 * if (!r.ok) for (const i of r.issues) console.log(formatIssue('policy.yaml', i));
 */
export function parseDocument(
  text: string,
  options: ParseOptions = {},
): Parsed<FrameworkEdition | CompanyPolicy> {
  const source = readSource(text);
  // A scalar is located at its value; a list or mapping (or an unknown key) at the key that holds it.
  const at = ({ pointer, message }: Issue) => {
    const v = valueAt(source.parsed.data, pointer);
    const key = message.startsWith('unknown key') || (v !== null && typeof v === 'object');
    return key ? source.locateKey(pointer) : source.locate(pointer);
  };
  const locate = (issues: readonly Issue[]): LocatedIssue[] =>
    issues.map((i) => ({ ...i, ...at(i) })).sort((a, b) => a.line - b.line || a.col - b.col);
  const fail = (issues: Issue[], kind?: DocumentKind) => ({
    ok: false as const,
    kind,
    issues: locate(issues),
    source,
  });

  const { parsed } = source;
  const lineOf = (pointer: string) => source.locate(pointer).line;
  const checkOptions = { ...options, lineOf };
  if (parsed.limitExceeded) return { ok: false, issues: parsed.syntaxErrors.map(refusal), source };
  if (options.format === 'json') {
    const bad = jsonSyntaxIssue(text);
    if (bad) return { ok: false, issues: [bad], source };
  }
  if (parsed.syntaxErrors.length) return { ok: false, issues: syntaxIssues(source), source };
  const data = parsed.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    return fail([
      {
        pointer: '',
        severity: 'error',
        message: `expected a mapping with "kind: framework-edition" or "kind: company-policy" (got ${data === null || data === undefined ? 'an empty document' : Array.isArray(data) ? 'a list' : typeof data})`,
      },
    ]);
  const kind = (data as { kind?: unknown }).kind;
  if (kind === undefined)
    return fail([
      {
        pointer: '',
        severity: 'error',
        message:
          'document is missing required key "kind": expected "kind: framework-edition" or "kind: company-policy"',
      },
    ]);
  if (!DOCUMENT_KINDS.includes(kind as DocumentKind))
    return fail([
      {
        pointer: '/kind',
        severity: 'error',
        message: `"kind" must be one of ${DOCUMENT_KINDS.map((k) => `"${k}"`).join(', ')} (got ${JSON.stringify(kind)})`,
      },
    ]);
  if (options.expect && kind !== options.expect)
    return fail(
      [{ pointer: '/kind', severity: 'error', message: `expected a ${options.expect} here, got a ${kind}` }],
      kind as DocumentKind,
    );

  const schemaIssues: Issue[] = schemaProblems(
    validate(kind === 'framework-edition' ? 'framework' : 'company-policy', data),
    data,
  );
  if (schemaIssues.length) {
    // A company policy's cross-references (unknown rules, measures, provisions; two waivers for one
    // provision) are checked on whatever parts are well-formed, so both kinds of error come at once.
    const more =
      kind === 'company-policy'
        ? checkCompanyPolicy(data as CompanyPolicy, checkOptions).filter(
            (i) =>
              !schemaIssues.some(
                (s) => i.pointer === s.pointer || (s.pointer !== '' && i.pointer.startsWith(`${s.pointer}/`)),
              ),
          )
        : [];
    return fail([...schemaIssues, ...more], kind as DocumentKind);
  }

  const semantic =
    kind === 'framework-edition'
      ? [
          ...checkEdition(data as FrameworkEdition, lineOf),
          ...(options.editions ? checkEditionSequence(data as FrameworkEdition, options.editions) : []),
        ]
      : checkCompanyPolicy(data as CompanyPolicy, checkOptions);
  const located = locate(semantic);
  const errors = located.filter((i) => i.severity === 'error');
  if (errors.length) return { ok: false, kind: kind as DocumentKind, issues: located, source };
  return {
    ok: true,
    kind: kind as DocumentKind,
    document: data as FrameworkEdition | CompanyPolicy,
    warnings: located,
    source,
  };
}

/** Parses and validates a company policy (YAML or JSON text). */
export function parseCompanyPolicy(
  text: string,
  options: Omit<ParseOptions, 'expect'> = {},
): Parsed<CompanyPolicy> {
  return parseDocument(text, { ...options, expect: 'company-policy' }) as Parsed<CompanyPolicy>;
}

/** Parses and validates a framework edition (YAML or JSON text). */
export function parseEdition(
  text: string,
  options: Omit<ParseOptions, 'expect' | 'today'> = {},
): Parsed<FrameworkEdition> {
  return parseDocument(text, { ...options, expect: 'framework-edition' }) as Parsed<FrameworkEdition>;
}

/** A document refused before it was read in full (nesting too deep, aliases expanding too far). */
function refusal(e: SchemaIssue): LocatedIssue {
  return { pointer: '', message: e.message, severity: 'error', line: e.line ?? 1, col: e.col ?? 1 };
}

/** A text sent as JSON that JSON.parse refuses, located at the first character that is not JSON. */
function jsonSyntaxIssue(text: string): LocatedIssue | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (e) {
    const where = positionOf(text, jsonErrorOffset(text) ?? 0);
    return { pointer: '', message: `malformed JSON: ${(e as Error).message}`, severity: 'error', ...where };
  }
}

/** Malformed YAML, an unclosed bracket named where it is opened rather than where the parser gave up. */
function syntaxIssues(source: PolicySource): LocatedIssue[] {
  const unclosed = unclosedBrackets(source.text);
  const left = { '[': unclosed.filter((u) => u.bracket === '[').length, '{': 0 };
  left['{'] = unclosed.length - left['['];
  const issues: LocatedIssue[] = [];
  for (const e of source.parsed.syntaxErrors) {
    // "Flow sequence in block collection must be sufficiently indented and end with a ]"
    const bracket = /^Flow (sequence|map) .*end with a [\]}]/.exec(e.message)?.[1] === 'sequence' ? '[' : '{';
    if (/^Flow (sequence|map) /.test(e.message) && left[bracket] > 0) {
      left[bracket]--;
      continue;
    }
    issues.push({
      pointer: '',
      message: `malformed YAML: ${e.message}`,
      severity: 'error',
      line: e.line ?? 1,
      col: e.col ?? 1,
    });
  }
  for (const u of unclosed)
    issues.push({
      pointer: '',
      message: `malformed YAML: the ${u.bracket === '[' ? 'list' : 'mapping'} opened here with "${u.bracket}" has no matching "${u.bracket === '[' ? ']' : '}'}" (it must end with one, and lines it continues on must be indented further than its key)`,
      severity: 'error',
      line: u.line,
      col: u.col,
    });
  return issues
    .filter(
      (e, i, all) =>
        all.findIndex((x) => x.line === e.line && x.col === e.col && x.message === e.message) === i,
    )
    .sort((a, b) => a.line - b.line || a.col - b.col);
}

/**
 * Schema issues as errors with the likely fix, one per value: a value that is neither of the right
 * type nor one of the allowed values gets only the "must be one of" message.
 */
function schemaProblems(issues: readonly SchemaIssue[], data: unknown): Issue[] {
  const enumAt = new Set(issues.filter((i) => / must be one of /.test(i.message)).map((i) => i.pointer));
  return issues
    .filter((i) => !(enumAt.has(i.pointer) && / must be (a|an) [a-z]+( or (a|an) [a-z]+)*$/.test(i.message)))
    .map((i) => ({
      pointer: i.pointer,
      message: hint(data, i.pointer, i.message),
      severity: 'error' as const,
    }));
}

const ROMAN = ['I', 'II', 'III'];
const or = (xs: readonly string[]) =>
  xs.length > 1
    ? `${xs
        .slice(0, -1)
        .map((x) => `"${x}"`)
        .join(', ')} or "${xs.at(-1)}"`
    : `"${xs[0]}"`;

/**
 * Schema messages plus the likely fix: an unquoted year read as a number, a misspelt key or value,
 * a provision id without its leading zeros, an empty list.
 */
function hint(data: unknown, pointer: string, message: string): string {
  const value = valueAt(data, pointer);
  if (message.endsWith('must be a string') && DATE_FIELD.test(pointer) && typeof value !== 'string')
    return `${message.replace(/ must be a string$/, '')} must be a date YYYY-MM-DD, e.g. "2027-06-30" (got ${typeof value === 'number' ? `the number ${value}` : JSON.stringify(value)})`;
  if (message.endsWith('must be a string') && (typeof value === 'number' || typeof value === 'boolean'))
    return `${message} (write it in quotes: "${String(value)}")`;
  const unknownKey = /^unknown key "([^"]+)"/.exec(message)?.[1];
  if (unknownKey) {
    const near = suggest(unknownKey, KNOWN_KEYS);
    return near ? `${message}; did you mean "${near}"?` : message;
  }
  const allowed = /must be one of (.*)$/.exec(message)?.[1];
  if (allowed) {
    const values = [...allowed.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
    const got = typeof value === 'string' ? `"${value}"` : `${JSON.stringify(value)} (not text)`;
    const near =
      typeof value === 'number' && values.includes(ROMAN[value - 1] ?? '')
        ? [ROMAN[value - 1]!]
        : suggestions(String(value), values);
    return near.length ? `${message}; got ${got}, did you mean ${or(near)}?` : `${message}; got ${got}`;
  }
  const field = /^("[^"]*") /.exec(message)?.[1] ?? 'the field';
  if (message.includes(`must match ${PROVISION_ID}`) && typeof value === 'string') {
    const digits = /^\s*pwf[-_ ]?0*(\d+)\s*$/i.exec(value)?.[1];
    const fix = digits ? `; write "PWF-${digits.padStart(3, '0')}"` : '';
    return `${field} must be a provision id: "PWF-" and at least three digits, e.g. "PWF-018"; got "${value}"${fix}`;
  }
  if (message.endsWith('must NOT have fewer than 1 items') && Array.isArray(value))
    return /^\/mappings\/\d+\/(rules|measures)$/.test(pointer)
      ? `${field} is an empty list: leave it out if the mapping names none`
      : `${field} is an empty list, which would mean nothing at all: leave the list out to mean every value`;
  return message;
}

const PROVISION_ID = framework.$defs.provisionId.pattern;
/** Fields that hold a day (`format: date`): a number there is not a year to quote but a date to write. */
const DATE_FIELD = /^\/waivers\/\d+\/expires$/;
