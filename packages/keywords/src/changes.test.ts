import { SPECIES_GROUPS } from '@ewto/schemas/vocabularies';
import { describe, expect, it } from 'vitest';
import { changesSince } from './changes.ts';
import { KeywordsError } from './errors.ts';
import { parseLibrary } from './library.ts';
import { loadLibrary } from './node/load-library.ts';

/** Four versions: v1 base; v2 adds "tusk"; v3 changes "ivory", removes "netsuke", adds "okimono"; v4 removes "okimono". */
function library() {
  const index = [
    'version: 4',
    'changelog:',
    ...[1, 2, 3, 4].map((v) => `  - { version: ${v}, date: "2026-01-0${v}", summary: v${v} }`),
    'sources: {}',
  ].join('\n');
  const elephant = [
    'group: elephant',
    'terms:',
    '  - { text: ivory, kind: search-word, language: en, provenance: illustrative, ambiguous: true, added: 1, changed: 3 }',
    '  - { text: elephant, kind: search-word, language: en, provenance: illustrative, added: 1 }',
    '  - { text: tusk, kind: search-word, language: en, provenance: illustrative, added: 2 }',
    'removed:',
    '  - { text: netsuke, kind: search-word, added: 1, removed: 3, reason: too broad }',
    '  - { text: okimono, kind: search-word, added: 3, removed: 4 }',
  ].join('\n');
  return parseLibrary([
    { path: 'library.yaml', text: index },
    { path: 'elephant.yaml', text: elephant },
    ...SPECIES_GROUPS.filter((g) => g !== 'elephant').map((g) => ({
      path: `${g}.yaml`,
      text: `group: ${g}\nterms:\n  - { text: ${g}, kind: search-word, language: en, provenance: illustrative, added: 1 }\n`,
    })),
  ]);
}
const texts = (terms: Array<{ text: string }>) => terms.map((t) => t.text).sort();

describe('changesSince', () => {
  it('from 0 is the whole current library, and nothing removed', () => {
    const c = changesSince(library(), 0);
    expect(c.added).toHaveLength(library().terms.length);
    expect(c.removed).toEqual([]);
  });

  it('reports additions, changes (current form) and removals after a version', () => {
    const c = changesSince(library(), 1);
    expect(c).toMatchObject({ since: 1, version: 4 });
    expect(texts(c.added)).toEqual(['tusk']);
    expect(c.changed).toEqual([
      expect.objectContaining({ id: 'elephant/search-word/ivory', ambiguous: true }),
    ]);
    expect(c.removed).toEqual([
      expect.objectContaining({ id: 'elephant/search-word/netsuke', removed: 3, reason: 'too broad' }),
    ]);
  });

  it('leaves out what the client already has, and terms added and removed since', () => {
    expect(texts(changesSince(library(), 2).changed)).toEqual(['ivory']);
    expect(changesSince(library(), 2).added).toEqual([]);
    expect(changesSince(library(), 2).removed.map((t) => t.text)).toEqual(['netsuke']);
    const latest = changesSince(library(), 3);
    expect([latest.added, latest.changed]).toEqual([[], []]);
    expect(latest.removed.map((t) => t.text)).toEqual(['okimono']);
    expect(changesSince(library(), 4).added).toEqual([]);
  });

  it('rejects versions the library never had', () => {
    for (const v of [5, -1, 1.5, Number.NaN]) {
      expect(() => changesSince(library(), v)).toThrow(KeywordsError);
    }
    try {
      changesSince(library(), 9);
    } catch (e) {
      expect((e as KeywordsError).code).toBe('unknown-version');
      expect((e as Error).message).toContain('from 0 to 4');
    }
  });

  it('on the repository library: everything after version 2 is illustrative; the last version is computable', async () => {
    const lib = await loadLibrary();
    const c = changesSince(lib, 2);
    expect(c.added.length).toBeGreaterThan(100);
    expect(c.added.every((t) => t.provenance === 'illustrative' && t.added >= 3)).toBe(true);
    expect(changesSince(lib, 0).added).toHaveLength(lib.terms.length);
    const last = changesSince(lib, lib.version - 1);
    const touched = lib.terms.filter((t) => t.added === lib.version || t.changed === lib.version);
    expect([...last.added, ...last.changed].map((t) => t.id).sort()).toEqual(touched.map((t) => t.id).sort());
  });
});
