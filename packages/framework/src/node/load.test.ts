import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SPECIES_GROUPS } from '@ewto/schemas';
import { afterAll, describe, expect, it } from 'vitest';
import { FrameworkError } from '../errors.ts';
import { defaultFrameworkDir, loadEditions } from './load.ts';

const tmp = mkdtempSync(join(tmpdir(), 'ewto-editions-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the released editions', () => {
  it('load in order, each revising the one before', async () => {
    const editions = await loadEditions();
    expect(editions.map((e) => [e.version, e.previous])).toEqual([
      ['2016', undefined],
      ['2017', '2016'],
      ['2020', '2017'],
    ]);
    expect(editions[0]).toMatchObject({ released: '2016-08-12', provenance: 'illustrative' });
  });

  it('are unchanged since release (policies/framework/RELEASED.sha256)', () => {
    const listed = new Map(
      readFileSync(join(defaultFrameworkDir, 'RELEASED.sha256'), 'utf8')
        .split('\n')
        .filter((l) => /^[0-9a-f]{64} {2}/.test(l))
        .map((l) => [l.slice(66), l.slice(0, 64)] as const),
    );
    const files = readdirSync(defaultFrameworkDir).filter((f) => f.endsWith('.yaml'));
    expect([...listed.keys()].sort()).toEqual(files.sort());
    for (const f of files) {
      const hash = createHash('sha256')
        .update(readFileSync(join(defaultFrameworkDir, f)))
        .digest('hex');
      expect(hash, `${f} changed after release: write a new edition instead`).toBe(listed.get(f));
    }
  });

  it('cover every species group of the shared vocabulary by 2020, live animals included', async () => {
    const latest = (await loadEditions()).at(-1)!;
    const active = latest.provisions.filter((p) => p.status !== 'withdrawn');
    const groups = new Set(active.flatMap((p) => p.scope?.speciesGroups ?? []));
    expect([...groups].sort()).toEqual([...SPECIES_GROUPS].sort());
    expect(active.filter((p) => p.category === 'live-animals').map((p) => p.scope?.speciesGroups)).toEqual([
      ['primate'],
      ['bird'],
      ['reptile'],
      ['big-cat'],
    ]);
  });
});

describe('loadEditions', () => {
  const copy = (dir: string, edit: (name: string, text: string) => string) => {
    for (const f of readdirSync(defaultFrameworkDir).filter((n) => n.endsWith('.yaml')))
      writeFileSync(join(dir, f), edit(f, readFileSync(join(defaultFrameworkDir, f), 'utf8')));
  };

  it('rejects an invalid edition with located issues', async () => {
    const dir = mkdtempSync(join(tmp, 'bad-'));
    copy(dir, (f, t) => (f === '2017.yaml' ? t.replace('level: should', 'level: may') : t));
    const err = await loadEditions(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FrameworkError);
    expect(err).toMatchObject({ code: 'invalid-document', file: join(dir, '2017.yaml') });
    expect((err as FrameworkError).issues[0]).toMatchObject({
      message: '"provisions.4.level" must be one of "must", "should"; got "may"',
    });
  });

  it('rejects an edition that drops a provision id instead of withdrawing it', async () => {
    const dir = mkdtempSync(join(tmp, 'drop-'));
    copy(dir, (f, t) => (f === '2020.yaml' ? t.replace(/ {2}- id: PWF-013\n(?: {4}.*\n| {6}.*\n)+/, '') : t));
    const err = await loadEditions(dir).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'edition-sequence' });
    expect((err as Error).message).toContain('provision PWF-013 of edition 2017 is missing');
  });

  it('rejects a file whose version is not its name', async () => {
    const dir = mkdtempSync(join(tmp, 'name-'));
    copy(dir, (f, t) => (f === '2017.yaml' ? t.replace('version: "2017"', 'version: "2018"') : t));
    const err = await loadEditions(dir).catch((e: unknown) => e);
    expect((err as FrameworkError).issues[0]).toMatchObject({
      message: '"version" is "2018" but the file is named 2017.yaml',
      line: 6,
      col: 10,
    });
  });
});
