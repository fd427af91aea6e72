import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { validate } from '@ewto/schemas/validate';
import { afterAll, describe, expect, it } from 'vitest';
import type { Io } from '../../cli.ts';
import { runCli } from '../../main.ts';
import { runCaptured } from '../../testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'ewto-keywords-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return name;
};

describe('ewto keywords screen', () => {
  it('screens plain text lines from stdin: one listing per line, id = line number', async () => {
    const r = await runCaptured(['keywords', 'screen', '-'], {
      stdin: 'Tiger balm 19g\n\nr.h.i.n.o h.o.r.n cup\n',
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^1 {2}ok {7}0\.15 {2}big-cat\n/);
    expect(r.stdout).toMatch(/\n3 {2}FLAGGED {2}0\.80 {2}rhino\n/);
    expect(r.stdout).toContain('title 0-21  "r.h.i.n.o h.o.r.n cup"  rhino horn cup (rhino search-word)');
    expect(r.stdout).toMatch(/screened 2 listings against library version \d+: 1 flagged\n$/);
  }, 30_000);

  it('shows zero-width characters and soft hyphens in matched text escaped (--format text)', async () => {
    const r = await runCaptured(['keywords', 'screen', '-'], { stdin: 'iv\u00adory tusk, ivo\u200bry\n' });
    expect(r.stdout).toContain('"iv\\u00adory tusk"');
    expect(r.stdout).toContain('"ivo\\u200bry"');
    expect(r.stdout).not.toMatch(/[\u00ad\u200b]/);
  }, 30_000);

  it('writes one JSONL record per listing of a .jsonl file, valid against the screen-result schema', async () => {
    const name = file(
      'in.jsonl',
      [
        JSON.stringify({ id: 'a1', title: 'Ivory lace dress', tags: ['wedding'] }),
        JSON.stringify({
          id: 'a2',
          title: 'Old carving',
          description: 'Genuine i.v.o.r.y',
          tags: ['#CarvedIvory'],
        }),
        '',
      ].join('\n'),
    );
    const r = await runCaptured(['keywords', 'screen', name, '--format', 'jsonl'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const records = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(records.map((x) => [x.id, x.flagged])).toEqual([
      ['a1', false],
      ['a2', true],
    ]);
    for (const rec of records) expect(validate('screen-result', rec)).toEqual([]);
    expect(records[1].matches).toContainEqual({
      term: 'genuine ivory',
      group: 'elephant',
      kind: 'search-word',
      field: 'description',
      start: 0,
      end: 17,
    });
  });

  it('reports a malformed line with its line number, goes on, and exits 1 at the end', async () => {
    const name = file(
      'bad.jsonl',
      '{"id":1,"title":"carved tusk"}\nnot json\n{"id":3,"title":5}\n{"id":4,"title":"ok"}\n',
    );
    const r = await runCaptured(['keywords', 'screen', name, '--format', 'jsonl'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('bad.jsonl:2: malformed JSON');
    expect(r.stderr).toContain('bad.jsonl:3: not a listing: "title" must be a string');
    expect(r.stderr).toContain('2 malformed lines skipped');
    expect(
      r.stdout
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l).id),
    ).toEqual([1, 4]);
  });

  it('reads JSONL from stdin with --input jsonl, and exits 1 with --fail-on-flagged when something is flagged', async () => {
    const stdin = `${JSON.stringify({ id: 'x', title: 'p@ngolin $cales' })}\n`;
    const plain = await runCaptured(['keywords', 'screen', '--input', 'jsonl', '--format', 'jsonl'], {
      stdin,
    });
    expect(plain.code).toBe(0);
    expect(JSON.parse(plain.stdout).flagged).toBe(true);
    const failing = await runCaptured(['keywords', 'screen', '-', '--input', 'jsonl', '--fail-on-flagged'], {
      stdin,
    });
    expect(failing.code).toBe(1);
    const clean = await runCaptured(['keywords', 'screen', '-', '--fail-on-flagged'], {
      stdin: 'turtle neck sweater\n',
    });
    expect(clean.code).toBe(0);
  }, 30_000);

  it('exits 2 for a missing file or a bad option value', async () => {
    const missing = await runCaptured(['keywords', 'screen', 'nope.jsonl'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read nope.jsonl: no such file');
    const bad = await runCaptured(['keywords', 'screen', '-', '--format', 'xml']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--format must be one of text, jsonl');
  });

  it('streams: a record is written before the input has ended', async () => {
    const stdin = new PassThrough();
    let stdout = '';
    const io: Io = {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: () => true },
      stdin,
      cwd: dir,
      env: {},
    };
    const done = runCli(['keywords', 'screen', '-', '--format', 'jsonl'], io);
    stdin.write('rhino horn cup\n');
    for (let i = 0; i < 200 && stdout === ''; i++) await new Promise((r) => setTimeout(r, 10));
    expect(JSON.parse(stdout)).toMatchObject({ id: 1, flagged: true });
    stdin.end('tiger balm\n');
    expect(await done).toBe(0);
    expect(stdout.trimEnd().split('\n')).toHaveLength(2);
  });

  it('stops quietly, exit 0, when the reader closes stdout (EPIPE: `… | head -1`)', async () => {
    const lines = Array.from({ length: 5000 }, (_, i) => JSON.stringify({ id: i, title: 'rhino horn cup' }));
    const name = file('many.jsonl', `${lines.join('\n')}\n`);
    let written = 0;
    const stdout = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, callback) {
        written += chunk.length;
        // The first batch goes through; then the pipe is gone.
        if (written > 64 * 1024)
          callback(Object.assign(new Error('write EPIPE'), { code: 'EPIPE', errno: -32, syscall: 'write' }));
        else callback();
      },
    });
    let stderr = '';
    const io = {
      stdout,
      stderr: { write: (s: string) => (stderr += s) },
      stdin: new PassThrough(),
      cwd: dir,
      env: {},
    } as unknown as Io;
    expect(await runCli(['keywords', 'screen', name, '--format', 'jsonl'], io)).toBe(0);
    expect(stderr).toBe('');
  });

  it('has --help', async () => {
    const r = await runCaptured(['keywords', 'screen', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: ewto keywords screen [<file>|-]');
    expect(r.stdout).toContain('--fail-on-flagged');
  });
});

describe('ewto keywords check', () => {
  it('reports the repository library as valid', async () => {
    const r = await runCaptured(['keywords', 'check']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /valid, library version \d+, \d+ terms \(\d+ published, \d+ illustrative\) in 9 species groups/,
    );
  });

  it('reports problems as file:line:col and exits 1; an unreadable directory exits 2', async () => {
    const lib = join(dir, 'lib');
    cpSync(fileURLToPath(new URL('../../../../../policies/keywords/', import.meta.url)), lib, {
      recursive: true,
    });
    writeFileSync(
      join(lib, 'rhino.yaml'),
      'group: rhino\nterms:\n  - { text: horn, kind: word, language: en, provenance: illustrative, added: 1 }\n',
    );
    const r = await runCaptured(['keywords', 'check', 'lib'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^lib\/rhino\.yaml:3:\d+: "terms\.0\.kind" must be one of/m);
    const missing = await runCaptured(['keywords', 'check', 'no-such-dir'], { cwd: dir });
    expect(missing.code).toBe(2);
  });
});
