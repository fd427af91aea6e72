import type { KeywordLibrary } from '@ewto/schemas/generated/keyword-library';
import { describe, expect, it } from 'vitest';
import { changesSince } from './changes.ts';
import { overlayLibrary, pendingFileVersions, promotionTerms, type ServedVersion } from './overlay.ts';

const files = (version: number): KeywordLibrary => ({
  version,
  changelog: Array.from({ length: version }, (_, i) => ({
    version: i + 1,
    date: '2026-11-24',
    summary: `v${i + 1}`,
  })),
  sources: {},
  terms: Array.from({ length: version }, (_, i) => ({
    id: `elephant/search-word/t${i + 1}`,
    group: 'elephant' as const,
    text: `t${i + 1}`,
    kind: 'search-word' as const,
    language: 'en',
    provenance: 'illustrative' as const,
    added: i + 1,
  })),
  removed: [],
});

const alertTerms = [
  {
    text: 'white gold bangle',
    kind: 'code-word',
    groups: ['elephant', 'rhino'],
    language: 'en',
    confidence: 'low' as const,
  },
  { text: 't1', kind: 'search-word', groups: ['elephant'], language: 'en', confidence: 'high' as const },
];

describe('promoted terms on top of the files', () => {
  it('numbers promotions and later file releases in one sequence; changesSince sees both', () => {
    let served: ServedVersion[] = pendingFileVersions(files(2), []);
    expect(served.map((v) => [v.version, v.fileVersion])).toEqual([
      [1, 1],
      [2, 2],
    ]);
    const lib2 = overlayLibrary(files(2), served, []);
    const { added, skipped } = promotionTerms(lib2, alertTerms, { alert: 'pub-1', version: 3 });
    expect(added.map((t) => t.id)).toEqual([
      'elephant/code-word/white gold bangle',
      'rhino/code-word/white gold bangle',
    ]);
    expect(added[0]!.ambiguous).toBe(true);
    expect(skipped).toEqual([{ id: 'elephant/search-word/t1', reason: 'already in the library' }]);
    served = [
      ...served,
      {
        version: 3,
        source: 'promotion',
        fileVersion: null,
        publicationId: 'pub-1',
        summary: 'promoted',
        date: '2026-12-01',
      },
    ];
    const lib3 = overlayLibrary(files(2), served, added);
    expect(lib3.version).toBe(3);
    expect(lib3.terms.filter((t) => t.provenance === 'intelligence').map((t) => t.alert)).toEqual([
      'pub-1',
      'pub-1',
    ]);
    expect(changesSince(lib3, 2).added).toHaveLength(2);
    // The files are released again (version 3 of the files): it is served as version 4.
    served = [...served, ...pendingFileVersions(files(3), served)];
    const lib4 = overlayLibrary(files(3), served, added);
    expect(lib4.version).toBe(4);
    expect(lib4.changelog.map((e) => [e.version, e.summary])).toEqual([
      [1, 'v1'],
      [2, 'v2'],
      [3, 'promoted'],
      [4, 'v3'],
    ]);
    expect(changesSince(lib4, 3).added.map((t) => t.text)).toEqual(['t3']);
    expect(
      changesSince(lib4, 2)
        .added.map((t) => t.text)
        .sort(),
    ).toEqual(['t3', 'white gold bangle', 'white gold bangle']);
  });
});
