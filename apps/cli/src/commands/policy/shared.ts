/** What the policy commands share: the edition library, today's date, printing located issues. */
import { relative, sep } from 'node:path';
import { type FrameworkEdition, FrameworkError, type LocatedIssue } from '@ewto/framework';
import { loadEditions } from '@ewto/framework/node';
import { formatIssue } from '@ewto/schemas';
import { CliError, type Io, type OptionSpec } from '../../cli.ts';
import { resolvePath } from '../../io.ts';

/** The released editions (policies/framework/); a broken library is a failed check (exit 1). */
export async function loadLibrary(): Promise<FrameworkEdition[]> {
  try {
    return await loadEditions();
  } catch (e) {
    if (e instanceof FrameworkError) {
      const details = e.issues.map((i) => `\n  ${formatIssue(e.file ?? '', i)}`).join('');
      throw new CliError('check-failed', `the framework editions cannot be loaded: ${e.message}${details}`, {
        cause: e,
      });
    }
    throw e;
  }
}

export const todayOption: OptionSpec = {
  name: 'today',
  type: 'string',
  value: '<YYYY-MM-DD>',
  description: 'the day waivers are checked against (default: today, UTC)',
};

/** `--today` or the real date (UTC). */
export function today(value: unknown): string {
  if (value === undefined) return new Date().toISOString().slice(0, 10);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)))
    return value;
  throw new CliError('usage', `--today must be a date as YYYY-MM-DD (got "${String(value)}")`);
}

/** How to name a file in messages: as the user typed it, or relative to where they ran the command. */
export function displayPath(io: Io, p: string): string {
  if (p === '-') return '<stdin>';
  const rel = relative(io.cwd, resolvePath(io, p));
  return rel.startsWith('..') ? resolvePath(io, p) : rel.split(sep).join('/');
}

/** `file:line:col: message (at /pointer)`, warnings marked as such. */
export function issueLine(file: string, issue: LocatedIssue): string {
  return formatIssue(file, {
    ...issue,
    message: issue.severity === 'warning' ? `warning: ${issue.message}` : issue.message,
  });
}
