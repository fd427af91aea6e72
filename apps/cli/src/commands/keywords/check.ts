/** `ewto keywords check [<dir>]`: validates the library files (schema, versions, duplicates, sources). */
import { KeywordsError } from '@ewto/keywords';
import { CliError, type Command, EXIT } from '../../cli.ts';
import { choice } from '../../io.ts';
import { commandLibrary } from './library.ts';

export const checkCommand: Command = {
  kind: 'command',
  name: 'check',
  summary: 'Check the keyword library files; errors as file:line:col: message',
  usage: '[<dir>]',
  description: [
    'Validates library.yaml and every <species-group>.yaml of the directory (default: policies/keywords/)',
    'against keyword-library.schema.json, and that versions, the changelog, sources and variants agree.',
    'Exit 0 valid; 1 invalid or malformed; 2 the directory cannot be read.',
  ].join('\n'),
  options: [
    { name: 'format', type: 'string', value: 'text|json', default: 'text', description: 'output format' },
  ],
  positionals: [0, 1],
  async run({ values, positionals, io }) {
    const format = choice(values.format, ['text', 'json'] as const, 'format');
    const dir = positionals[0];
    try {
      const library = await commandLibrary(io, dir);
      const groups: Record<string, number> = {};
      for (const t of library.terms) groups[t.group] = (groups[t.group] ?? 0) + 1;
      const published = library.terms.filter((t) => t.provenance === 'published').length;
      if (format === 'json')
        io.stdout.write(
          `${JSON.stringify({ valid: true, version: library.version, terms: library.terms.length, published, groups, issues: [] }, null, 2)}\n`,
        );
      else
        io.stdout.write(
          `${dir ?? 'policies/keywords'}: valid, library version ${library.version}, ${library.terms.length} terms ` +
            `(${published} published, ${library.terms.length - published} illustrative) in ${Object.keys(groups).length} species groups\n`,
        );
      return EXIT.ok;
    } catch (e) {
      const cause = e instanceof CliError ? e.cause : undefined;
      if (!(cause instanceof KeywordsError) || cause.code !== 'invalid-library') throw e;
      const issues = cause.issues.length > 0 ? cause.issues : [cause.message];
      if (format === 'json') io.stdout.write(`${JSON.stringify({ valid: false, issues }, null, 2)}\n`);
      else io.stdout.write(`${issues.join('\n')}\n`);
      return EXIT.checkFailed;
    }
  },
};
