/** `ewto policy changes <from> <to>`: what changed between two editions, and what a company must change. */
import {
  type CompareOptions,
  compareEditions,
  createCatalog,
  FrameworkError,
  formatChangesMarkdown,
  formatChangesText,
  formatJson,
} from '@ewto/framework';
import { CliError, type Command, EXIT } from '../../cli.ts';
import { choice, readInput, useColour } from '../../io.ts';
import { readPolicy } from './diff.ts';
import { displayPath, loadLibrary, today, todayOption } from './shared.ts';

const FORMATS = ['text', 'json', 'markdown'] as const;

export const changesCommand: Command = {
  kind: 'command',
  name: 'changes',
  summary: 'List what changed between two framework editions (breaking, relaxing, editorial)',
  usage: '<from-id> <to-id>',
  description: [
    'Each change has a rule id and a level: breaking (a new obligation, a wider scope, should → must),',
    'relaxing (withdrawn, narrower scope) or editorial. With --policy, also what that company policy must',
    'change to align with the newer edition. Edition ids are years (2017) or latest. Give the older',
    'edition first; the other order reads the changes backwards (what the older edition asks instead).',
  ].join('\n'),
  options: [
    {
      name: 'policy',
      type: 'string',
      value: '<company-policy>',
      description: 'a company policy to check against both editions',
    },
    {
      name: 'format',
      type: 'string',
      value: FORMATS.join('|'),
      default: 'text',
      description: 'output format',
    },
    todayOption,
  ],
  positionals: [2, 2],
  async run({ values, positionals, io }) {
    const format = choice(values.format, FORMATS, 'format');
    const day = today(values.today);
    const editions = await loadLibrary();
    const catalog = createCatalog(editions);
    const [from, to] = positionals.map((id) => {
      try {
        return catalog.resolve(id);
      } catch (e) {
        if (e instanceof FrameworkError) throw new CliError('usage', e.message, { cause: e });
        throw e;
      }
    }) as [ReturnType<typeof catalog.resolve>, ReturnType<typeof catalog.resolve>];
    let options: CompareOptions = {};
    if (typeof values.policy === 'string') {
      const text = await readInput(io, values.policy);
      const file = displayPath(io, values.policy);
      const policy = readPolicy(io, file, text, editions, day, to);
      options = { policy: policy.document, today: day, file };
    }
    const changes = compareEditions(from, to, options);
    io.stdout.write(
      format === 'json'
        ? formatJson(changes)
        : format === 'markdown'
          ? formatChangesMarkdown(changes)
          : formatChangesText(changes, { colour: useColour(io) }),
    );
    return EXIT.ok;
  },
};
