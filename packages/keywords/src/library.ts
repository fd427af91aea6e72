/**
 * The keyword library from its files (policies/keywords/library.yaml and one <species-group>.yaml per
 * group): parsed with positions, validated against keyword-library.schema.json, checked for
 * consistency (versions, duplicates, sources) and assembled into one `KeywordLibrary`.
 */
import type {
  KeywordLibrary,
  LibraryGroupFile,
  LibraryIndexFile,
  LibraryRemovedTerm,
  LibraryTerm,
} from '@ewto/schemas/generated/keyword-library';
import { type SchemaPath, validate } from '@ewto/schemas/validate';
import { SPECIES_GROUPS, type SpeciesGroup } from '@ewto/schemas/vocabularies';
import { formatIssue, locateIssues, parseSource, type SourceDocument } from '@ewto/schemas/yaml';
import { KeywordsError } from './errors.ts';
import { Normaliser } from './normalise.ts';

export interface LibraryFile {
  /** Path shown in messages; its base name says what the file is (`library.yaml`, `<group>.yaml`). */
  path: string;
  text: string;
}

export const INDEX_FILE = 'library.yaml';

/** The stable id of a term: `<group>/<kind>/<text>`. */
export const termId = (group: string, kind: string, text: string): string => `${group}/${kind}/${text}`;

/**
 * Parses and checks the library files; throws `KeywordsError('invalid-library')` listing every
 * problem as `file:line:col: message`.
 * @example
 * const library = parseLibrary([{ path: 'library.yaml', text }, { path: 'elephant.yaml', text: t2 }, …]);
 * library.version; // 3
 */
export function parseLibrary(files: readonly LibraryFile[]): KeywordLibrary {
  const issues: string[] = [];
  const read = <T>(file: LibraryFile, schema: SchemaPath): { data: T; src: SourceDocument } | undefined => {
    const src = parseSource(file.text);
    const found = src.syntaxErrors.length ? src.syntaxErrors : locateIssues(src, validate(schema, src.data));
    for (const i of found) issues.push(formatIssue(file.path, i));
    return found.length ? undefined : { data: src.data as T, src };
  };
  const at = (file: LibraryFile, src: SourceDocument, pointer: string, message: string) =>
    issues.push(formatIssue(file.path, { pointer, message, ...src.locate(pointer) }));

  const indexFile = files.find((f) => baseName(f.path) === INDEX_FILE);
  if (!indexFile) throw new KeywordsError('invalid-library', `the keyword library has no ${INDEX_FILE}`);
  const index = read<LibraryIndexFile>(indexFile, 'keyword-library#/$defs/indexFile');
  const groups: Array<{ file: LibraryFile; data: LibraryGroupFile; src: SourceDocument }> = [];
  for (const file of files) {
    if (file === indexFile) continue;
    const parsed = read<LibraryGroupFile>(file, 'keyword-library#/$defs/groupFile');
    if (parsed) groups.push({ file, ...parsed });
  }
  if (!index) throw invalid(issues);

  const version = index.data.version;
  const touched = new Set<number>();
  const checkVersion = (file: LibraryFile, src: SourceDocument, pointer: string, v: number, after = 0) => {
    if (v > version) at(file, src, pointer, `version ${v} is newer than the library version ${version}`);
    else if (v <= after) at(file, src, pointer, `version ${v} must be after version ${after}`);
    touched.add(v);
  };
  index.data.changelog.forEach((entry, i) => {
    if (entry.version !== i + 1)
      at(
        indexFile,
        index.src,
        `/changelog/${i}/version`,
        `changelog entry ${i + 1} must be version ${i + 1}`,
      );
  });
  if (index.data.changelog.at(-1)?.version !== version)
    at(indexFile, index.src, '/version', `version ${version} must be the last changelog entry's version`);

  const terms: LibraryTerm[] = [];
  const removed: LibraryRemovedTerm[] = [];
  const seenGroups = new Map<SpeciesGroup, string>();
  const normaliser = new Normaliser();
  for (const { file, data, src } of groups) {
    const group = data.group;
    if (baseName(file.path) !== `${group}.yaml`)
      at(file, src, '/group', `the terms of group "${group}" belong in ${group}.yaml`);
    const other = seenGroups.get(group);
    if (other) at(file, src, '/group', `group "${group}" is already defined in ${other}`);
    seenGroups.set(group, file.path);
    const texts = new Set(data.terms.map((t) => t.text));
    const ids = new Map<string, number>();
    data.terms.forEach((term, i) => {
      const id = termId(group, term.kind, term.text);
      if (ids.has(id)) at(file, src, `/terms/${i}/text`, `duplicate ${term.kind} "${term.text}"`);
      ids.set(id, term.added);
      checkVersion(file, src, `/terms/${i}/added`, term.added);
      if (term.changed !== undefined)
        checkVersion(file, src, `/terms/${i}/changed`, term.changed, term.added);
      if (term.source && !index.data.sources[term.source.document])
        at(
          file,
          src,
          `/terms/${i}/source/document`,
          `unknown source "${term.source.document}" (see library.yaml)`,
        );
      if (term.variantOf !== undefined && !texts.has(term.variantOf))
        at(file, src, `/terms/${i}/variantOf`, `no term "${term.variantOf}" in group ${group}`);
      if (term.innocent && (term.kind !== 'associated-term' || term.species || term.weight !== undefined))
        at(
          file,
          src,
          `/terms/${i}/innocent`,
          'an innocent-reading word is an associated-term, without species or weight (it is not evidence)',
        );
      normaliser.normalise(term.text);
      if (normaliser.length === 0)
        at(file, src, `/terms/${i}/text`, `"${term.text}" has no letters, digits or emoji to match`);
      terms.push({ id, group, ...term });
    });
    (data.removed ?? []).forEach((gone, i) => {
      const id = termId(group, gone.kind, gone.text);
      checkVersion(file, src, `/removed/${i}/removed`, gone.removed, gone.added);
      const back = ids.get(id);
      if (back !== undefined && back < gone.removed)
        at(
          file,
          src,
          `/removed/${i}`,
          `"${gone.text}" is both a term and removed since version ${gone.removed}`,
        );
      removed.push({ id, group, ...gone });
    });
  }
  for (const group of SPECIES_GROUPS)
    if (!seenGroups.has(group)) issues.push(`${indexFile.path}:1:1: no file for species group "${group}"`);
  index.data.changelog.forEach((entry, i) => {
    if (!touched.has(entry.version))
      at(indexFile, index.src, `/changelog/${i}`, `version ${entry.version} changes no term`);
  });
  if (issues.length) throw invalid(issues);

  const order = (g: SpeciesGroup) => SPECIES_GROUPS.indexOf(g);
  return {
    version,
    ...(index.data.title ? { title: index.data.title } : {}),
    changelog: index.data.changelog,
    sources: index.data.sources,
    terms: terms.sort((a, b) => order(a.group) - order(b.group)),
    removed: removed.sort((a, b) => order(a.group) - order(b.group)),
  };
}

function invalid(issues: string[]): KeywordsError {
  return new KeywordsError(
    'invalid-library',
    `the keyword library is invalid:\n${issues.map((i) => `  ${i}`).join('\n')}`,
    issues,
  );
}

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);
