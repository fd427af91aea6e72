/** Node adapter: reads the keyword library from a directory (default: the repository's policies/keywords/). */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KeywordLibrary } from '@ewto/schemas/generated/keyword-library';
import { KeywordsError } from '../errors.ts';
import { type LibraryFile, parseLibrary } from '../library.ts';

/** The repository's library: `policies/keywords/`. */
export const DEFAULT_LIBRARY_DIR = fileURLToPath(new URL('../../../../policies/keywords/', import.meta.url));

/**
 * Reads and checks every `*.yaml` file of `dir`; throws `KeywordsError` (`unreadable-library`, or
 * `invalid-library` with `file:line:col: message` issues, paths relative to `relativeTo`).
 * @example
 * const library = await loadLibrary();
 * const screener = compileLibrary(library);
 */
export async function loadLibrary(
  dir: string = DEFAULT_LIBRARY_DIR,
  { relativeTo = process.cwd() }: { relativeTo?: string } = {},
): Promise<KeywordLibrary> {
  return parseLibrary(await readLibraryFiles(dir, { relativeTo }));
}

/** The library's files, their paths shown relative to `relativeTo` (default: the working directory). */
export async function readLibraryFiles(
  dir: string,
  { relativeTo = process.cwd() }: { relativeTo?: string } = {},
): Promise<LibraryFile[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.yaml')).sort();
  } catch (e) {
    throw new KeywordsError(
      'unreadable-library',
      `cannot read the keyword library at ${dir}: ${(e as Error).message}`,
      [],
      {
        cause: e,
      },
    );
  }
  return Promise.all(
    names.map(async (name) => {
      const path = join(dir, name);
      try {
        return { path: displayPath(path, relativeTo), text: await readFile(path, 'utf8') };
      } catch (e) {
        throw new KeywordsError('unreadable-library', `cannot read ${path}: ${(e as Error).message}`, [], {
          cause: e,
        });
      }
    }),
  );
}

function displayPath(path: string, from: string): string {
  const rel = relative(from, path);
  return rel.startsWith('..') ? path : rel;
}
