import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SPECIES_GROUPS } from '@ewto/schemas/vocabularies';
import { beforeAll, describe, expect, it } from 'vitest';
import { KeywordsError } from './errors.ts';
import type { KeywordLibrary } from './index.ts';
import { parseLibrary } from './library.ts';
import { loadLibrary, readLibraryFiles } from './node/load-library.ts';

const TSV = fileURLToPath(new URL('../../../../shared/seeds/slide-search-terms.tsv', import.meta.url));

let library: KeywordLibrary;
beforeAll(async () => {
  library = await loadLibrary();
});

describe('the repository library', () => {
  it('carries every search word, hashtag and associated term of the slides, in its source form', () => {
    const rows = readFileSync(TSV, 'utf8').trimEnd().split('\n').slice(1);
    expect(rows.length).toBe(298);
    const missing: string[] = [];
    for (const row of rows) {
      const [group, kind, text, line] = row.split('\t');
      const term = library.terms.find((t) => t.group === group && t.kind === kind && t.text === text);
      const cited = term?.provenance === 'published' && term.source?.document === 'traffic-china-slides';
      if (!cited || !term?.source?.lines.includes(Number(line)))
        missing.push(`${group} ${kind} "${text}" (line ${line})`);
    }
    expect(missing).toEqual([]);
  });

  it('cites only lines the slides table has, for every published term', () => {
    const rows = new Set(
      readFileSync(TSV, 'utf8')
        .trimEnd()
        .split('\n')
        .slice(1)
        .map((r) => {
          const [group, kind, text, line] = r.split('\t');
          return `${group}|${kind}|${text}|${line}`;
        }),
    );
    for (const t of library.terms.filter((x) => x.provenance === 'published'))
      for (const line of t.source?.lines ?? [])
        expect(rows).toContain(`${t.group}|${t.kind}|${t.text}|${line}`);
  });

  it('adds corrected variants beside the extraction artefacts, never instead of them', () => {
    const has = (group: string, text: string) =>
      library.terms.find((t) => t.group === group && t.text === text);
    for (const [group, source, corrected] of [
      ['pangolin', 'Chuan Shan', 'Chuan Shan Jia'],
      ['marine-turtle', 'vinatge leather', 'vintage leather'],
      ['marine-turtle', 'vinatge tortoiseshell', 'vintage tortoiseshell'],
      ['pangolin', 'Nocna anteater', 'Nocona anteater'],
      ['rhino', 'Angong Niuhang Pill', 'Angong Niuhuang Pill'],
      ['big-cat', '#tigerseifes', '#tigerselfies'],
    ] as const) {
      expect(has(group, source)?.provenance).toBe('published');
      expect(has(group, corrected)).toMatchObject({ provenance: 'illustrative', variantOf: source });
    }
    expect(has('pangolin', 'ja')?.provenance).toBe('published');
  });

  it('has one file per species group and illustrative terms in many languages', () => {
    expect(new Set(library.terms.map((t) => t.group))).toEqual(new Set(SPECIES_GROUPS));
    const languages = new Set(
      library.terms.filter((t) => t.provenance === 'illustrative').map((t) => t.language),
    );
    for (const lang of ['zh', 'vi', 'fr', 'es', 'pt']) expect(languages).toContain(lang);
    for (const text of ['象牙', '犀牛角', '穿山甲片'])
      expect(library.terms.find((t) => t.text === text)?.provenance).toBe('illustrative');
  });

  it('has a traditional-character variant beside every Chinese term written with simplified characters', () => {
    // Simplified characters used in the library's Chinese terms (a spot check, not a converter).
    const simplified = /[胆狮鹤顶红鸟鹦鹉镯制犸摆龟壳镜鳞懒纹宫黄]/;
    const zh = library.terms.filter((t) => t.language === 'zh' && simplified.test(t.text));
    expect(zh.length).toBeGreaterThan(10);
    for (const t of zh)
      expect(
        library.terms.find((v) => v.variantOf === t.text && v.language === 'zh-Hant' && v.group === t.group),
        t.text,
      ).toMatchObject({ provenance: 'illustrative', kind: t.kind });
  });

  it('is versioned: the version is the last changelog entry and every term names the version that added it', () => {
    expect(library.changelog.map((c) => c.version)).toEqual(
      Array.from({ length: library.version }, (_, i) => i + 1),
    );
    for (const t of library.terms) expect(t.added).toBeLessThanOrEqual(library.version);
  });
});

/** A minimal valid library, as files, to break one thing at a time. */
async function files(): Promise<Array<{ path: string; text: string }>> {
  const dir = fileURLToPath(new URL('../../../policies/keywords/', import.meta.url));
  const real = await readLibraryFiles(dir);
  return real.map((f) =>
    f.path.endsWith('library.yaml')
      ? {
          path: 'kw/library.yaml',
          text: 'version: 1\nchangelog:\n  - { version: 1, date: "2026-01-01", summary: first }\nsources:\n  slides: { title: Slides, file: slides.txt }\n',
        }
      : {
          path: `kw/${f.path.split('/').pop()}`,
          text: `group: ${groupOf(f.path)}\nterms:\n  - { text: x${groupOf(f.path)}, kind: search-word, language: en, provenance: illustrative, added: 1 }\n`,
        },
  );
}
const groupOf = (path: string) => path.split('/').pop()!.replace('.yaml', '');

function issuesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(KeywordsError);
    return [...(e as KeywordsError).issues];
  }
  throw new Error('expected the library to be rejected');
}

describe('parseLibrary', () => {
  it('accepts a minimal library', async () => {
    const lib = parseLibrary(await files());
    expect(lib.version).toBe(1);
    expect(lib.terms[0]).toMatchObject({ id: 'elephant/search-word/xelephant', group: 'elephant' });
  });

  it('reports malformed YAML and schema errors as file:line:col', async () => {
    const f = await files();
    const rhino = f.find((x) => x.path.endsWith('rhino.yaml'))!;
    rhino.text =
      'group: rhino\nterms:\n  - { text: horn, kind: search-word, language: en, provenance: published, added: 1 }\n  - [oops\n';
    expect(issuesOf(() => parseLibrary(f))[0]).toMatch(/^kw\/rhino\.yaml:\d+:\d+: /);
    rhino.text =
      'group: rhino\nterms:\n  - { text: horn, kind: word, language: en, provenance: published, added: 1 }\n';
    const issues = issuesOf(() => parseLibrary(f));
    expect(
      issues.some((i) => i.startsWith('kw/rhino.yaml:3:') && i.includes('"terms.0.kind" must be one of')),
    ).toBe(true);
    expect(issues.some((i) => i.includes('missing required key "source"'))).toBe(true);
  });

  it('rejects duplicates, unknown sources and variants, versions out of range, and versions that change nothing', async () => {
    const f = await files();
    f.find((x) => x.path.endsWith('library.yaml'))!.text =
      'version: 2\nchangelog:\n  - { version: 1, date: "2026-01-01", summary: a }\n  - { version: 2, date: "2026-01-02", summary: b }\nsources: {}\n';
    f.find((x) => x.path.endsWith('bear.yaml'))!.text = [
      'group: bear',
      'terms:',
      '  - { text: bile, kind: search-word, language: en, provenance: illustrative, added: 1 }',
      '  - { text: bile, kind: search-word, language: en, provenance: illustrative, added: 1 }',
      '  - { text: paw, kind: search-word, language: en, provenance: published, source: { document: nope, lines: [1] }, added: 1 }',
      '  - { text: fur, kind: search-word, language: en, provenance: illustrative, variantOf: pelt, added: 3 }',
      '  - { text: "…", kind: search-word, language: en, provenance: illustrative, added: 1 }',
    ].join('\n');
    const issues = issuesOf(() => parseLibrary(f));
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^kw\/bear\.yaml:4:\d+: duplicate search-word "bile"/),
        expect.stringMatching(/^kw\/bear\.yaml:5:\d+: unknown source "nope"/),
        expect.stringMatching(/^kw\/bear\.yaml:6:\d+: no term "pelt" in group bear/),
        expect.stringMatching(/^kw\/bear\.yaml:6:\d+: version 3 is newer than the library version 2/),
        expect.stringMatching(/^kw\/bear\.yaml:7:\d+: "…" has no letters/),
        expect.stringMatching(/^kw\/library\.yaml:\d+:\d+: version 2 changes no term/),
      ]),
    );
  });

  it('accepts innocent-reading words only as associated terms without species or weight', async () => {
    const f = await files();
    f.find((x) => x.path.endsWith('bear.yaml'))!.text = [
      'group: bear',
      'terms:',
      '  - { text: teddy, kind: associated-term, language: en, provenance: illustrative, innocent: true, added: 1 }',
      '  - { text: gummy, kind: search-word, language: en, provenance: illustrative, innocent: true, added: 1 }',
      '  - { text: plush, kind: associated-term, language: en, provenance: illustrative, innocent: true, weight: 0.2, added: 1 }',
    ].join('\n');
    const issues = issuesOf(() => parseLibrary(f));
    expect(issues).toHaveLength(2);
    expect(issues[0]).toMatch(/^kw\/bear\.yaml:4:\d+: an innocent-reading word is an associated-term/);
    expect(issues[1]).toMatch(/^kw\/bear\.yaml:5:\d+: an innocent-reading word/);
  });

  it('needs a file for every species group, named after it', async () => {
    const f = (await files()).filter((x) => !x.path.endsWith('primate.yaml'));
    f.find((x) => x.path.endsWith('bird.yaml'))!.path = 'kw/birds.yaml';
    const issues = issuesOf(() => parseLibrary(f));
    expect(issues).toEqual(
      expect.arrayContaining([
        'kw/library.yaml:1:1: no file for species group "primate"',
        expect.stringMatching(/^kw\/birds\.yaml:1:\d+: the terms of group "bird" belong in bird\.yaml/),
      ]),
    );
  });
});
