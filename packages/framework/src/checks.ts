/**
 * Semantic checks the JSON Schemas cannot express: unique ids, references that resolve, the
 * sequence of editions (ids never dropped or reused), waivers that have run out.
 */
import { compareEditionIds } from '@ewto/schemas';
import type { CompanyPolicy, FrameworkEdition, Scope } from './types.ts';

export interface Issue {
  pointer: string;
  message: string;
  severity: 'error' | 'warning';
}

const error = (pointer: string, message: string): Issue => ({ pointer, message, severity: 'error' });
const warning = (pointer: string, message: string): Issue => ({ pointer, message, severity: 'warning' });
const list = (xs: Iterable<string>) => [...xs].map((x) => `"${x}"`).join(', ') || 'none';

/** Line of the value at a JSON Pointer in the source text, when the document came from text. */
export type LineOf = (pointer: string) => number;
/** Where the first of two equal ids is: its line when known, else its JSON Pointer. */
const firstAt = (pointer: string, lineOf: LineOf | undefined) =>
  lineOf ? `on line ${lineOf(pointer)}` : `at ${pointer}`;

/**
 * A scope that names taxa must name their species group: without a taxonomy the tool cannot tell
 * which group `Panthera pardus` is in, and a left-out `speciesGroups` means every group.
 */
function checkTaxaGroups(pointer: string, scope: Scope | undefined): Issue[] {
  const taxa = scope?.cites?.taxa;
  if (!Array.isArray(taxa) || scope?.speciesGroups) return [];
  return [
    error(
      `${pointer}/cites/taxa`,
      `cites.taxa (${taxa.join(', ')}) needs "speciesGroups" naming the group of these taxa, e.g. speciesGroups: [big-cat] for Panthera pardus: the tool has no taxonomy and cannot tell which species group a name belongs to`,
    ),
  ];
}

/** Checks one edition on its own: unique ids, `replacedBy` and `sources` references, `introduced`. */
export function checkEdition(edition: FrameworkEdition, lineOf?: LineOf): Issue[] {
  const issues: Issue[] = [];
  const sourceIds = new Map<string, number>();
  edition.sources.forEach((s, i) => {
    const first = sourceIds.get(s.id);
    if (first !== undefined)
      issues.push(
        error(
          `/sources/${i}/id`,
          `duplicate source id "${s.id}" (first used ${firstAt(`/sources/${first}/id`, lineOf)})`,
        ),
      );
    else sourceIds.set(s.id, i);
  });
  if (edition.citesListings && !sourceIds.has(edition.citesListings.source))
    issues.push(
      error(
        '/citesListings/source',
        `unknown source "${edition.citesListings.source}": expected one of ${list(sourceIds.keys())}`,
      ),
    );
  const ids = new Map<string, number>();
  edition.provisions.forEach((p, i) => {
    const first = ids.get(p.id);
    if (first !== undefined)
      issues.push(
        error(
          `/provisions/${i}/id`,
          `duplicate provision id "${p.id}" (first used ${firstAt(`/provisions/${first}/id`, lineOf)}); provision ids are never reused`,
        ),
      );
    else ids.set(p.id, i);
  });
  edition.provisions.forEach((p, i) => {
    const at = `/provisions/${i}`;
    issues.push(...checkTaxaGroups(`${at}/scope`, p.scope));
    if (!p.scope && !p.measures?.length)
      issues.push(
        error(at, `${p.id} has neither a "scope" nor "measures": a provision must ask for something`),
      );
    if (compareEditionIds(p.introduced, edition.version) > 0)
      issues.push(
        error(
          `${at}/introduced`,
          `"introduced" is ${p.introduced}, later than this edition (${edition.version})`,
        ),
      );
    if (p.replacedBy) {
      if (p.status === 'active')
        issues.push(
          error(
            `${at}/replacedBy`,
            `"replacedBy" is only for deprecated or withdrawn provisions (${p.id} is active)`,
          ),
        );
      p.replacedBy.forEach((r, j) => {
        if (r === p.id) issues.push(error(`${at}/replacedBy/${j}`, `${p.id} cannot replace itself`));
        else if (!ids.has(r))
          issues.push(
            error(
              `${at}/replacedBy/${j}`,
              `unknown provision "${r}": expected the id of a provision of this edition`,
            ),
          );
        else if (edition.provisions[ids.get(r)!]?.status === 'withdrawn')
          issues.push(
            warning(`${at}/replacedBy/${j}`, `${p.id} is replaced by ${r}, which is withdrawn too`),
          );
      });
    }
    p.sources?.forEach((s, j) => {
      if (!sourceIds.has(s))
        issues.push(
          error(`${at}/sources/${j}`, `unknown source "${s}": expected one of ${list(sourceIds.keys())}`),
        );
    });
  });
  return issues;
}

/**
 * Checks an edition against the released editions: `previous` names the newest older one, and every
 * provision id of it is still there (withdrawn rather than deleted, never reinstated or re-dated).
 */
export function checkEditionSequence(
  edition: FrameworkEdition,
  released: readonly FrameworkEdition[],
): Issue[] {
  const older = released
    .filter((e) => compareEditionIds(e.version, edition.version) < 0)
    .sort((a, b) => compareEditionIds(a.version, b.version));
  const prev = older.at(-1);
  if (!prev) {
    return edition.previous
      ? [error('/previous', `unknown edition "${edition.previous}": there is no older edition`)]
      : [];
  }
  if (edition.previous !== prev.version)
    return [
      error(
        edition.previous ? '/previous' : '',
        `"previous" must be "${prev.version}", the newest older edition (got ${edition.previous ? `"${edition.previous}"` : 'none'})`,
      ),
    ];
  const issues: Issue[] = [];
  const here = new Map(edition.provisions.map((p, i) => [p.id, i] as const));
  for (const old of prev.provisions) {
    const i = here.get(old.id);
    if (i === undefined) {
      issues.push(
        error(
          '/provisions',
          `provision ${old.id} of edition ${prev.version} is missing: keep it with status: withdrawn (ids are never dropped or reused)`,
        ),
      );
      continue;
    }
    const now = edition.provisions[i]!;
    if (old.status === 'withdrawn' && now.status !== 'withdrawn')
      issues.push(
        error(
          `/provisions/${i}/status`,
          `${old.id} was withdrawn in ${prev.version} and cannot come back; issue a new id instead`,
        ),
      );
    if (now.introduced !== old.introduced)
      issues.push(
        error(
          `/provisions/${i}/introduced`,
          `${old.id} was introduced in ${old.introduced}, not ${now.introduced}`,
        ),
      );
  }
  edition.provisions.forEach((p, i) => {
    if (!prev.provisions.some((o) => o.id === p.id) && p.introduced !== edition.version)
      issues.push(
        error(
          `/provisions/${i}/introduced`,
          `${p.id} is new in this edition, so "introduced" must be "${edition.version}"`,
        ),
      );
  });
  for (const old of older) {
    if (old === prev) continue;
    for (const p of old.provisions)
      if (!here.has(p.id))
        issues.push(
          error(
            '/provisions',
            `provision ${p.id} of edition ${old.version} is missing (ids are never dropped)`,
          ),
        );
  }
  return issues;
}

export interface PolicyCheckOptions {
  /** Known editions: provision references are checked against them. */
  editions?: readonly FrameworkEdition[];
  /** YYYY-MM-DD; waivers that ended before it get a warning. */
  today?: string;
  /**
   * The edition the policy is being compared with: references to provisions it withdrew get a
   * warning. Without it, the newest of `editions`.
   */
  edition?: FrameworkEdition;
  /** Lines of the source text: a duplicate then names the line of the first occurrence. */
  lineOf?: LineOf;
}

/** A loosely typed view of a document that may not have passed its schema. */
type Loose = Record<string, unknown>;
const entries = (x: unknown): Loose[] =>
  Array.isArray(x) ? x.map((e) => (e && typeof e === 'object' && !Array.isArray(e) ? (e as Loose) : {})) : [];
const text = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);
const texts = (x: unknown): (string | undefined)[] | undefined =>
  Array.isArray(x) ? x.map(text) : undefined;

/**
 * Checks a company policy: unique rule ids, references to rules, measures, provisions and editions.
 * Safe on a document that failed its schema: it checks whatever parts have the expected shape, so
 * that both kinds of error can be reported in one go.
 */
export function checkCompanyPolicy(policy: CompanyPolicy, options: PolicyCheckOptions = {}): Issue[] {
  const issues: Issue[] = [];
  const { editions = [], today, lineOf } = options;
  const doc = policy as unknown as Loose;
  const ruleIds = new Map<string, number>();
  entries(doc.rules).forEach((r, i) => {
    const id = text(r.id);
    if (id === undefined) return;
    const first = ruleIds.get(id);
    if (first !== undefined)
      issues.push(
        error(
          `/rules/${i}/id`,
          `duplicate rule id "${id}" (first used ${firstAt(`/rules/${first}/id`, lineOf)})`,
        ),
      );
    else ruleIds.set(id, i);
    issues.push(...checkTaxaGroups(`/rules/${i}/scope`, r.scope as Scope | undefined));
  });
  const measures = new Set(entries(doc.measures).flatMap((m) => text(m.measure) ?? []));

  const framework = text(doc.framework);
  if (framework && editions.length && !editions.some((e) => e.version === framework))
    issues.push(
      error(
        '/framework',
        `unknown edition "${framework}": expected one of ${list(editions.map((e) => e.version))}`,
      ),
    );

  const latest =
    options.edition ?? [...editions].sort((a, b) => compareEditionIds(a.version, b.version)).at(-1);
  const known = new Set(editions.flatMap((e) => e.provisions.map((p) => p.id)));
  const checkProvision = (pointer: string, id: string) => {
    if (!editions.length) return;
    if (!known.has(id)) {
      issues.push(
        error(
          pointer,
          `unknown provision "${id}": no edition (${editions.map((e) => e.version).join(', ')}) has it`,
        ),
      );
      return;
    }
    const inLatest = latest?.provisions.find((p) => p.id === id);
    if (inLatest?.status === 'withdrawn')
      issues.push(
        warning(
          pointer,
          `${id} is withdrawn in edition ${latest!.version}${inLatest.replacedBy ? `; refer to ${inLatest.replacedBy.join(', ')} instead` : ''}`,
        ),
      );
  };
  const once = (section: string, what: string) => {
    const seen = new Map<string, number>();
    entries(doc[section]).forEach((e, i) => {
      const provision = text(e.provision);
      if (provision === undefined) return;
      const first = seen.get(provision);
      if (first !== undefined)
        issues.push(
          error(
            `/${section}/${i}/provision`,
            `${provision} has a second ${what} (the first is ${firstAt(`/${section}/${first}/provision`, lineOf)})`,
          ),
        );
      else seen.set(provision, i);
      checkProvision(`/${section}/${i}/provision`, provision);
    });
    return seen;
  };

  const mapped = once('mappings', 'mapping; list all its rules in one');
  entries(doc.mappings).forEach((m, i) => {
    if (m.rules === undefined && m.measures === undefined)
      issues.push(
        error(`/mappings/${i}`, `mapping for ${text(m.provision) ?? '?'} names no "rules" and no "measures"`),
      );
    texts(m.rules)?.forEach((r, j) => {
      if (r !== undefined && !ruleIds.has(r))
        issues.push(
          error(`/mappings/${i}/rules/${j}`, `unknown rule "${r}": expected one of ${list(ruleIds.keys())}`),
        );
    });
    texts(m.measures)?.forEach((x, j) => {
      if (x !== undefined && !measures.has(x))
        issues.push(
          error(
            `/mappings/${i}/measures/${j}`,
            `unknown measure "${x}": the policy's measures are ${list(measures)}; add it under "measures" or remove it here`,
          ),
        );
    });
  });
  const na = once('notApplicable', 'not-applicable declaration');
  once('waivers', 'waiver');
  entries(doc.waivers).forEach((w, i) => {
    const [provision, expires] = [text(w.provision), text(w.expires)];
    if (today && expires && expires < today)
      issues.push(
        warning(
          `/waivers/${i}/expires`,
          `waiver for ${provision} expired on ${expires}; it no longer counts`,
        ),
      );
    if (provision && na.has(provision))
      issues.push(
        warning(
          `/waivers/${i}/provision`,
          `${provision} is also declared not applicable; the waiver has no effect`,
        ),
      );
  });
  for (const [id, i] of na)
    if (mapped.has(id))
      issues.push(
        warning(
          `/notApplicable/${i}/provision`,
          `${id} is declared not applicable but also mapped to rules or measures`,
        ),
      );
  return issues;
}
