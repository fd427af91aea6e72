/**
 * Text → validated document: YAML or JSON, the schema of its `kind`, then the semantic checks;
 * every issue located as line:col. Never throws on bad input.
 */
import { validate } from '@ewto/schemas';
import { checkCompanyPolicy, checkEdition, checkEditionSequence, type Issue } from './checks.ts';
import type { LocatedIssue } from './errors.ts';
import { type PolicySource, readSource, valueAt } from './source.ts';
import { KNOWN_KEYS, suggest } from './suggest.ts';
import type { CompanyPolicy, FrameworkEdition } from './types.ts';

export const DOCUMENT_KINDS = ['framework-edition', 'company-policy'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export interface ParseOptions {
  /** Released editions: a company policy's provision references and an edition's sequence are checked against them. */
  editions?: readonly FrameworkEdition[];
  /** YYYY-MM-DD: waivers that ended before it get a warning. */
  today?: string;
  /** Refuse documents of the other kind. */
  expect?: DocumentKind;
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
  if (parsed.syntaxErrors.length)
    return {
      ok: false,
      issues: parsed.syntaxErrors
        .map((e) => ({
          pointer: '',
          message: `malformed YAML: ${e.message}`,
          severity: 'error' as const,
          line: e.line ?? 1,
          col: e.col ?? 1,
        }))
        .filter(
          (e, i, all) =>
            all.findIndex((x) => x.line === e.line && x.col === e.col && x.message === e.message) === i,
        ),
      source,
    };
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

  const schemaIssues: Issue[] = validate(
    kind === 'framework-edition' ? 'framework' : 'company-policy',
    data,
  ).map((i) => ({ ...i, message: hint(data, i.pointer, i.message), severity: 'error' as const }));
  if (schemaIssues.length) return fail(schemaIssues, kind as DocumentKind);

  const semantic =
    kind === 'framework-edition'
      ? [
          ...checkEdition(data as FrameworkEdition),
          ...(options.editions ? checkEditionSequence(data as FrameworkEdition, options.editions) : []),
        ]
      : checkCompanyPolicy(data as CompanyPolicy, options);
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

/**
 * Schema messages plus the likely fix: an unquoted year read as a number, a misspelt key or value.
 */
function hint(data: unknown, pointer: string, message: string): string {
  const value = valueAt(data, pointer);
  if (message.endsWith('must be string') && (typeof value === 'number' || typeof value === 'boolean'))
    return `${message} (write it in quotes: "${String(value)}")`;
  const unknownKey = /^unknown key "([^"]+)"/.exec(message)?.[1];
  if (unknownKey) {
    const near = suggest(unknownKey, KNOWN_KEYS);
    return near ? `${message}; did you mean "${near}"?` : message;
  }
  const allowed = /must be one of (.*)$/.exec(message)?.[1];
  if (allowed && typeof value === 'string') {
    const near = suggest(
      value,
      [...allowed.matchAll(/"([^"]+)"/g)].map((m) => m[1]!),
    );
    return near ? `${message}; got "${value}", did you mean "${near}"?` : `${message}; got "${value}"`;
  }
  return message;
}
