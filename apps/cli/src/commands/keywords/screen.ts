/** `ewto keywords screen [<file>|-]`: streams listings through the screening engine. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { compileLibrary, screenListingDetailed } from '@ewto/keywords';
import { type InputFormat, readListings } from '@ewto/keywords/node';
import { CliError, type Command, EXIT, type Io } from '../../cli.ts';
import { choice, resolvePath, useColour } from '../../io.ts';
import { commandLibrary, libraryOption } from './library.ts';
import { BatchedOutput } from './output.ts';
import { Progress } from './progress.ts';
import { colourStyle, plainStyle, textRecord } from './report.ts';

export const screenCommand: Command = {
  kind: 'command',
  name: 'screen',
  summary: 'Screen listings (plain text lines or JSONL) against the keyword library',
  usage: '[<file>|-]',
  description: [
    'Reads one listing per line from the file, or stdin (`-` or no file): plain text (the line is the',
    'title, its line number the id) or JSONL with `id`, `title`, `description`, `tags` (files ending in',
    '.jsonl, or --input jsonl). Streams: memory does not grow with the input. --format jsonl writes one',
    'record per listing: { id, flagged, score, matches: [{ term, group, kind, field, start, end }] }, offsets',
    'in UTF-16 code units of the original field. A malformed JSONL line is reported on stderr with its line',
    'number and skipped. Exit 0 ok; 1 some line was malformed, or --fail-on-flagged and a listing was',
    'flagged; 2 the file or library cannot be read.',
  ].join('\n'),
  options: [
    { name: 'format', type: 'string', value: 'text|jsonl', default: 'text', description: 'output format' },
    {
      name: 'input',
      type: 'string',
      value: 'text|jsonl',
      description: 'input format (default: jsonl for .jsonl files)',
    },
    { name: 'fail-on-flagged', type: 'boolean', description: 'exit 1 when a listing is flagged' },
    libraryOption,
  ],
  positionals: [0, 1],
  async run({ values, positionals, io }) {
    const format = choice(values.format, ['text', 'jsonl'] as const, 'format');
    const arg = positionals[0] ?? '-';
    if (positionals[0] === undefined && io.stdin.isTTY)
      throw new CliError('usage', 'no input: give a file, or pipe listings to stdin (or pass - explicitly)');
    const input: InputFormat =
      values.input !== undefined
        ? choice(values.input, ['text', 'jsonl'] as const, 'input')
        : arg.endsWith('.jsonl')
          ? 'jsonl'
          : 'text';
    const screener = compileLibrary(await commandLibrary(io, values.library));
    const source = await openInput(io, arg);
    const label = arg === '-' ? '<stdin>' : arg;
    const out = new BatchedOutput(io.stdout);
    const progress = io.stderr.isTTY ? new Progress(io.stderr, source.size) : undefined;
    const style = format === 'text' && useColour(io) ? colourStyle : plainStyle;
    let screened = 0;
    let flagged = 0;
    let malformed = 0;
    try {
      for await (const item of readListings(source.stream, input)) {
        if (out.closed) break;
        if ('error' in item) {
          malformed++;
          progress?.clear();
          io.stderr.write(`${label}:${item.line}: ${item.error}\n`);
          continue;
        }
        const { record, groups } = screenListingDetailed(screener, item.listing);
        screened++;
        if (record.flagged) flagged++;
        await out.write(
          format === 'jsonl'
            ? `${JSON.stringify(record)}\n`
            : textRecord(item.listing, record, groups, style),
        );
        if (progress && (screened & 255) === 0) progress.update(source.bytesRead(), screened, flagged);
      }
    } catch (e) {
      progress?.clear();
      throw new CliError('unreadable-file', `cannot read ${label}: ${(e as Error).message}`, { cause: e });
    }
    await out.flush();
    progress?.clear();
    if (out.closed) {
      // The reader closed stdout (`… | head -1`): stop quietly, as Unix filters do.
      source.close();
      return EXIT.ok;
    }
    const summary = `screened ${screened} listings against library version ${screener.version}: ${flagged} flagged${
      malformed ? `, ${malformed} malformed line${malformed === 1 ? '' : 's'} skipped` : ''
    }\n`;
    if (format === 'text') io.stdout.write(summary);
    else if (io.stderr.isTTY || malformed) io.stderr.write(summary);
    return malformed > 0 || (values['fail-on-flagged'] === true && flagged > 0) ? EXIT.checkFailed : EXIT.ok;
  },
};

/** The input stream; a missing or unreadable file is a usage error (exit 2) before anything is read. */
async function openInput(io: Io, arg: string) {
  if (arg === '-')
    return { stream: io.stdin, size: undefined, bytesRead: () => 0, close: () => io.stdin.pause() };
  const path = resolvePath(io, arg);
  try {
    const s = await stat(path);
    if (s.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    const stream = createReadStream(path);
    await new Promise<void>((resolve, reject) => stream.once('open', () => resolve()).once('error', reject));
    return { stream, size: s.size, bytesRead: () => stream.bytesRead, close: () => stream.destroy() };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (e as Error).message;
    throw new CliError('unreadable-file', `cannot read ${arg}: ${why}`, { cause: e });
  }
}
