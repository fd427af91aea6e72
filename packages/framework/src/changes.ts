/**
 * `compareEditions`: what changed between two editions, classified the way oasdiff classifies API
 * changes — a rule id and a fixed level per kind of change — and, given a company policy, what that
 * company must change to align with the newer edition (`schemas/edition-changes.schema.json`).
 */
import { compareEditionIds } from '@ewto/schemas';
import { policyImpact } from './changes-impact.ts';
import type {
  ChangeLevel,
  ChangeRule,
  CompanyPolicy,
  EditionChange,
  EditionChanges,
  FrameworkEdition,
  Provision,
  Scope,
} from './types.ts';
import { APPENDICES, GROUPS, LISTINGS, PRODUCTS } from './vocabulary.ts';

/** The level of each kind of change (one level per rule id, as in oasdiff). */
export const CHANGE_LEVELS: Readonly<Record<ChangeRule, ChangeLevel>> = {
  'provision-added': 'breaking',
  'provision-reinstated': 'breaking',
  'level-raised': 'breaking',
  'scope-added': 'breaking',
  'species-groups-added': 'breaking',
  'cites-appendices-added': 'breaking',
  'taxa-added': 'breaking',
  'taxa-unrestricted': 'breaking',
  'product-types-added': 'breaking',
  'listing-types-added': 'breaking',
  'exceptions-removed': 'breaking',
  'measures-added': 'breaking',
  'provision-withdrawn': 'relaxing',
  'provision-removed': 'relaxing',
  'level-lowered': 'relaxing',
  'scope-removed': 'relaxing',
  'species-groups-removed': 'relaxing',
  'cites-appendices-removed': 'relaxing',
  'taxa-removed': 'relaxing',
  'taxa-restricted': 'relaxing',
  'product-types-removed': 'relaxing',
  'listing-types-removed': 'relaxing',
  'exceptions-added': 'relaxing',
  'measures-removed': 'relaxing',
  'provision-deprecated': 'editorial',
  'provision-undeprecated': 'editorial',
  'title-changed': 'editorial',
  'statement-changed': 'editorial',
  'category-changed': 'editorial',
  'sources-changed': 'editorial',
  'notes-changed': 'editorial',
  'replaced-by-changed': 'editorial',
  'cites-listings-changed': 'editorial',
};

const ORDER: Record<ChangeLevel, number> = { breaking: 0, relaxing: 1, editorial: 2 };

export type CompareOptions =
  | { policy?: undefined }
  | {
      /** A company policy: the result then says what it must change to align with `to`. */
      policy: CompanyPolicy;
      /** YYYY-MM-DD, for waivers. */
      today: string;
      /** The file the policy came from, as given. */
      file?: string;
    };

/**
 * @example
 * const c = compareEditions(catalog.resolve('2017'), catalog.latest);
 * c.changes.filter((x) => x.level === 'breaking').map((x) => `${x.rule} ${x.provision}`);
 */
export function compareEditions(
  from: FrameworkEdition,
  to: FrameworkEdition,
  options: CompareOptions = {},
): EditionChanges {
  const changes: EditionChange[] = [];
  // Normally from the older edition to the newer; the other way round reads the changes backwards.
  const backwards = compareEditionIds(from.version, to.version) > 0;
  const before = new Map(from.provisions.map((p) => [p.id, p]));
  const after = new Map(to.provisions.map((p) => [p.id, p]));
  for (const p of to.provisions) {
    const old = before.get(p.id);
    if (!old) {
      if (p.status !== 'withdrawn')
        changes.push(change('provision-added', p, `${p.id} "${p.title}" (${p.level}) is new`));
    } else changes.push(...provisionChanges(old, p, backwards ? to.version : undefined));
  }
  for (const old of from.provisions)
    if (!after.has(old.id))
      changes.push(
        change(
          'provision-removed',
          old,
          backwards
            ? `${old.id} "${old.title}" is not in edition ${to.version} yet (introduced in ${old.introduced})`
            : `${old.id} "${old.title}" is gone from edition ${to.version} (it should have been withdrawn)`,
        ),
      );
  changes.push(...listingChanges(from, to));
  changes.sort(
    (a, b) => ORDER[a.level] - ORDER[b.level] || (a.provision ?? '').localeCompare(b.provision ?? ''),
  );
  const count = (level: ChangeLevel) => changes.filter((c) => c.level === level).length;
  const ref = (e: FrameworkEdition) => ({ version: e.version, title: e.title, released: e.released });
  return {
    reportVersion: 1,
    from: ref(from),
    to: ref(to),
    summary: { breaking: count('breaking'), relaxing: count('relaxing'), editorial: count('editorial') },
    changes,
    ...(options.policy ? { policy: policyImpact(from, to, changes, options) } : {}),
  };
}

function change(
  rule: ChangeRule,
  p: Provision | undefined,
  message: string,
  extra: Partial<EditionChange> = {},
): EditionChange {
  return {
    rule,
    level: CHANGE_LEVELS[rule],
    ...(p ? { provision: p.id, title: p.title } : {}),
    message,
    ...extra,
  };
}

const words = (s: string) => s.replace(/\s+/g, ' ').trim();

/** `olderTo`: the version compared with when going back to an older edition. */
function provisionChanges(old: Provision, now: Provision, olderTo?: string): EditionChange[] {
  const out: EditionChange[] = [];
  const id = now.id;
  if (old.status !== now.status) {
    if (now.status === 'withdrawn')
      out.push(
        change(
          'provision-withdrawn',
          now,
          `${id} is withdrawn${now.replacedBy ? `, replaced by ${now.replacedBy.join(', ')}` : ''}`,
          now.replacedBy ? { to: now.replacedBy.join(', ') } : {},
        ),
      );
    else if (old.status === 'withdrawn')
      out.push(
        change(
          'provision-reinstated',
          now,
          olderTo
            ? `${id} is still in force in edition ${olderTo} (withdrawn later)`
            : `${id} is in force again`,
        ),
      );
    else if (now.status === 'deprecated')
      out.push(
        change('provision-deprecated', now, `${id} is deprecated: still in force, to be withdrawn later`),
      );
    else
      out.push(
        change(
          'provision-undeprecated',
          now,
          olderTo ? `${id} is not yet deprecated in edition ${olderTo}` : `${id} is no longer deprecated`,
        ),
      );
  }
  if (now.status !== 'withdrawn') {
    if (old.level !== now.level)
      out.push(
        change(
          now.level === 'must' ? 'level-raised' : 'level-lowered',
          now,
          `${id} goes from ${old.level} to ${now.level}`,
          { from: old.level, to: now.level },
        ),
      );
    out.push(...scopeChanges(old, now));
    const [added, removed] = setDiff(old.measures ?? [], now.measures ?? []);
    if (added.length)
      out.push(change('measures-added', now, `${id} now requires ${added.join(', ')}`, { added }));
    if (removed.length)
      out.push(
        change('measures-removed', now, `${id} no longer requires ${removed.join(', ')}`, { removed }),
      );
  }
  if (old.title !== now.title)
    out.push(
      change('title-changed', now, `${id} is renamed "${now.title}"`, { from: old.title, to: now.title }),
    );
  if (words(old.statement) !== words(now.statement))
    out.push(
      change('statement-changed', now, `${id} is reworded`, {
        from: words(old.statement),
        to: words(now.statement),
      }),
    );
  if (old.category !== now.category)
    out.push(
      change('category-changed', now, `${id} moves from ${old.category} to ${now.category}`, {
        from: old.category,
        to: now.category,
      }),
    );
  const [srcAdded, srcRemoved] = setDiff(old.sources ?? [], now.sources ?? []);
  if (srcAdded.length || srcRemoved.length)
    out.push(
      change('sources-changed', now, `${id} cites different sources`, {
        ...(srcAdded.length ? { added: srcAdded } : {}),
        ...(srcRemoved.length ? { removed: srcRemoved } : {}),
      }),
    );
  if ((old.notes ?? '') !== (now.notes ?? '')) out.push(change('notes-changed', now, `${id} has new notes`));
  const [rbAdded, rbRemoved] = setDiff(old.replacedBy ?? [], now.replacedBy ?? []);
  if (old.status === now.status && (rbAdded.length || rbRemoved.length))
    out.push(
      change(
        'replaced-by-changed',
        now,
        `${id} is now replaced by ${(now.replacedBy ?? []).join(', ') || 'nothing'}`,
      ),
    );
  return out;
}

type Dim = {
  get: (s: Scope) => readonly string[] | undefined;
  all: readonly string[];
  added: ChangeRule;
  removed: ChangeRule;
  noun: string;
};
const DIMS: Dim[] = [
  {
    get: (s) => s.speciesGroups,
    all: GROUPS.values,
    added: 'species-groups-added',
    removed: 'species-groups-removed',
    noun: 'species groups',
  },
  {
    get: (s) => s.cites?.appendices,
    all: APPENDICES.values,
    added: 'cites-appendices-added',
    removed: 'cites-appendices-removed',
    noun: 'CITES appendices',
  },
  {
    get: (s) => s.productTypes,
    all: PRODUCTS.values,
    added: 'product-types-added',
    removed: 'product-types-removed',
    noun: 'product types',
  },
  {
    get: (s) => s.listingTypes,
    all: LISTINGS.values,
    added: 'listing-types-added',
    removed: 'listing-types-removed',
    noun: 'listing types',
  },
];

function scopeChanges(old: Provision, now: Provision): EditionChange[] {
  const id = now.id;
  if (!old.scope && !now.scope) return [];
  if (!old.scope) return [change('scope-added', now, `${id} now also prohibits a scope`)];
  if (!now.scope) return [change('scope-removed', now, `${id} no longer prohibits anything (measures only)`)];
  const out: EditionChange[] = [];
  for (const d of DIMS) {
    const [added, removed] = setDiff(d.get(old.scope) ?? d.all, d.get(now.scope) ?? d.all);
    if (added.length)
      out.push(change(d.added, now, `${id} now also covers ${d.noun} ${added.join(', ')}`, { added }));
    if (removed.length)
      out.push(change(d.removed, now, `${id} no longer covers ${d.noun} ${removed.join(', ')}`, { removed }));
  }
  const t0 = old.scope.cites?.taxa;
  const t1 = now.scope.cites?.taxa;
  if (t0 && !t1)
    out.push(
      change(
        'taxa-unrestricted',
        now,
        `${id} now covers its whole species groups, not only ${t0.join(', ')}`,
        { removed: [...t0] },
      ),
    );
  else if (!t0 && t1)
    out.push(change('taxa-restricted', now, `${id} now covers only ${t1.join(', ')}`, { added: [...t1] }));
  else if (t0 && t1) {
    const [added, removed] = setDiff(t0, t1);
    if (added.length)
      out.push(change('taxa-added', now, `${id} now also covers ${added.join(', ')}`, { added }));
    if (removed.length)
      out.push(change('taxa-removed', now, `${id} no longer covers ${removed.join(', ')}`, { removed }));
  }
  const [exAdded, exRemoved] = setDiff(old.scope.exceptions ?? [], now.scope.exceptions ?? []);
  if (exRemoved.length)
    out.push(
      change('exceptions-removed', now, `${id} no longer allows ${exRemoved.join(', ')}`, {
        removed: exRemoved,
      }),
    );
  if (exAdded.length)
    out.push(change('exceptions-added', now, `${id} now allows ${exAdded.join(', ')}`, { added: exAdded }));
  return out;
}

function listingChanges(from: FrameworkEdition, to: FrameworkEdition): EditionChange[] {
  const out: EditionChange[] = [];
  const a = from.citesListings?.groups ?? {};
  const b = to.citesListings?.groups ?? {};
  for (const g of GROUPS.values) {
    const x = (a[g] ?? APPENDICES.values) as string[];
    const y = (b[g] ?? APPENDICES.values) as string[];
    const [added, removed] = setDiff(x, y);
    if (added.length || removed.length)
      out.push(
        change(
          'cites-listings-changed',
          undefined,
          `${g} species are now listed in CITES ${y.join(', ')} (were ${x.join(', ')})`,
          {
            from: x.join(', '),
            to: y.join(', '),
          },
        ),
      );
  }
  return out;
}

function setDiff(a: readonly string[], b: readonly string[]): [added: string[], removed: string[]] {
  const sa = new Set(a);
  const sb = new Set(b);
  return [b.filter((x) => !sa.has(x)), a.filter((x) => !sb.has(x))];
}
