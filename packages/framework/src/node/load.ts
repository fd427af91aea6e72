/**
 * Reading editions from disk (`policies/framework/<version>.yaml`): the only part of the package
 * that touches node:fs. Every file is parsed, validated and checked against the editions before it.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { compareEditionIds } from '@ewto/schemas';
import { checkEditionSequence } from '../checks.ts';
import { FrameworkError, type LocatedIssue } from '../errors.ts';
import { parseEdition } from '../parse.ts';
import type { FrameworkEdition } from '../types.ts';

/** `policies/framework/` of this repository. */
export const defaultFrameworkDir = resolve(import.meta.dirname, '../../../../policies/framework');

const EDITION_FILE = /^[0-9]{4}(\.[1-9][0-9]*)?\.ya?ml$/;

/**
 * Loads and checks every edition in `dir`, oldest first. Throws FrameworkError (`unreadable`,
 * `invalid-document` with located `issues` and `file`, or `edition-sequence`).
 * @example const editions = await loadEditions(); // [2016, 2017, 2020]
 */
export async function loadEditions(dir: string = defaultFrameworkDir): Promise<FrameworkEdition[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => EDITION_FILE.test(n));
  } catch (e) {
    throw new FrameworkError(
      'unreadable',
      `cannot read the framework directory ${dir}: ${(e as Error).message}`,
      {
        cause: e,
      },
    );
  }
  const versionOf = (n: string) => n.replace(/\.ya?ml$/, '');
  names.sort((a, b) => compareEditionIds(versionOf(a), versionOf(b)));
  const editions: FrameworkEdition[] = [];
  for (const name of names) {
    const file = join(dir, name);
    const edition = await loadEditionFile(file);
    const sequence = checkEditionSequence(edition, editions).filter((i) => i.severity === 'error');
    if (sequence.length)
      throw new FrameworkError('edition-sequence', `${file}: ${sequence.map((i) => i.message).join('; ')}`, {
        file,
      });
    editions.push(edition);
  }
  return editions;
}

/** Loads one edition file; its `version` must match the file name. */
export async function loadEditionFile(file: string): Promise<FrameworkEdition> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new FrameworkError('unreadable', `cannot read ${file}: ${(e as Error).message}`, {
      cause: e,
      file,
    });
  }
  const parsed = parseEdition(text);
  if (!parsed.ok)
    throw new FrameworkError('invalid-document', `${file} is not a valid framework edition`, {
      issues: parsed.issues,
      file,
    });
  const expected = basename(file).replace(/\.ya?ml$/, '');
  if (EDITION_FILE.test(basename(file)) && parsed.document.version !== expected) {
    const issue: LocatedIssue = {
      pointer: '/version',
      message: `"version" is "${parsed.document.version}" but the file is named ${basename(file)}`,
      severity: 'error',
      ...parsed.source.locate('/version'),
    };
    throw new FrameworkError('invalid-document', `${file} is not a valid framework edition`, {
      issues: [issue],
      file,
    });
  }
  return parsed.document;
}
