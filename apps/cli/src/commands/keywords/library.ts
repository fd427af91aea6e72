/** The keyword library a command uses: the repository's, or `--library <dir>`. */
import { type KeywordLibrary, KeywordsError } from '@ewto/keywords';
import { loadLibrary } from '@ewto/keywords/node';
import { CliError, type Io, type OptionSpec } from '../../cli.ts';
import { resolvePath } from '../../io.ts';

export const libraryOption: OptionSpec = {
  name: 'library',
  type: 'string',
  value: '<dir>',
  description: "keyword library directory (default: the repository's policies/keywords/)",
};

/** Loads the library; an unreadable directory is a usage error (exit 2), an invalid library exit 1. */
export async function commandLibrary(io: Io, dir: unknown): Promise<KeywordLibrary> {
  try {
    return await loadLibrary(typeof dir === 'string' ? resolvePath(io, dir) : undefined, {
      relativeTo: io.cwd,
    });
  } catch (e) {
    if (!(e instanceof KeywordsError)) throw e;
    throw new CliError(e.code === 'invalid-library' ? 'check-failed' : 'unreadable-file', e.message, {
      cause: e,
    });
  }
}
