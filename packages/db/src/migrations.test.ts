import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateDatabase, migrationsFolder, openDatabase } from './client.ts';

const tmp = mkdtempSync(join(tmpdir(), 'ewto-migrations-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The committed migrations up to (not including) the one whose tag ends with `tag`. */
function migrationsBefore(tag: string): string {
  const dir = join(tmp, tag);
  cpSync(migrationsFolder, dir, { recursive: true });
  const journalFile = join(dir, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: Array<{ tag: string }> };
  const at = journal.entries.findIndex((e) => e.tag.endsWith(tag));
  expect(at).toBeGreaterThan(0);
  writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
  return dir;
}

describe('migrations', () => {
  it('give stored submissions the score of their report, one decimal (it was rounded to an integer)', async () => {
    const handle = await openDatabase({ url: `file:${join(tmp, 'hub.db')}` });
    try {
      await migrate(handle.db, { migrationsFolder: migrationsBefore('policy-score-one-decimal') });
      await handle.client.execute('PRAGMA foreign_keys = OFF');
      await handle.client.execute({
        sql: `INSERT INTO policy_submissions (id, org_id, submitted_by, submitted_at, framework_version,
                media_type, document, score, report) VALUES ('s1', 'o1', 'u1', '2026-12-01T00:00:00Z',
                '2020', 'application/yaml', 'x', 83, ?)`,
        args: [JSON.stringify({ summary: { score: 83.3 } })],
      });
      await handle.client.execute('PRAGMA foreign_keys = ON');
      await migrateDatabase(handle);
      const rows = await handle.client.execute("SELECT score FROM policy_submissions WHERE id = 's1'");
      expect(rows.rows[0]?.score).toBe(83.3);
    } finally {
      handle.close();
    }
  });
});
