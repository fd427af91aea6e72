/**
 * A change and its audit entry commit together (issue 8 item 11). The hub is started as a real
 * process on a file database and killed (SIGKILL) at the worst moment: after the change is written,
 * just before its audit entry is (HUB_FAULT_KILL_BEFORE_AUDIT). Afterwards no change may be left
 * without its entry.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openMigratedDatabase } from '@ewto/db';
import {
  addMember,
  createOrg,
  createPat,
  createUser,
  formatKeyEncryptionKey,
  generateKeyEncryptionKey,
} from '@ewto/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubProcess } from './support/hub-process.ts';
import { repoRoot } from './support/paths.ts';
import { exchange } from './support/world.ts';

/** The key-encryption key every start of the hub on the test database is given. */
const KEK = formatKeyEncryptionKey(generateKeyEncryptionKey());
let dir: string;
let dbUrl: string;
let pat: string;
let companyId: string;
let userId: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ewto-atomic-'));
  dbUrl = `file:${join(dir, 'hub.db')}`;
  const h = await openMigratedDatabase({ url: dbUrl });
  const convener = await createOrg(h.db, { slug: 'wwf', name: 'WWF', kind: 'convener' });
  const company = await createOrg(h.db, { slug: 'example-market', name: 'Example', kind: 'company' });
  const user = await createUser(h.db, { email: 'ana@wwf.example', name: 'Ana' });
  await addMember(h.db, convener.id, user.id, 'admin');
  await addMember(h.db, company.id, user.id, 'admin');
  pat = (await createPat(h.db, { userId: user.id, name: 't', createdBy: 't' })).token;
  companyId = company.id;
  userId = user.id;
  h.close();
}, 30_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Starts the hub on the test database, set to kill itself before writing an entry of `action`. */
async function startHub(action: string) {
  const hub = await startHubProcess({
    env: { DATABASE_URL: dbUrl, HUB_KEY_ENCRYPTION_KEY: KEK, HUB_FAULT_KILL_BEFORE_AUDIT: action },
  });
  // tsx runs the hub in a child node process and exits with 128 + 9 when that one is killed.
  const exited = hub.exited.then(({ code, signal }) => signal ?? `exit ${code}`);
  return { url: hub.url, exited, kill: () => hub.child.kill('SIGKILL') };
}

/** Sends the request the hub dies in; answers how the hub ended. */
async function dieDuring(action: string, send: (url: string, token: string) => Promise<Response>) {
  const hub = await startHub(action);
  try {
    const token = await exchange(hub.url, pat);
    await expect(send(hub.url, token)).rejects.toThrow();
    return await hub.exited;
  } finally {
    hub.kill();
  }
}

async function count(sql: string, ...args: string[]): Promise<number> {
  const h = await openMigratedDatabase({ url: dbUrl });
  try {
    const rs = await h.client.execute({ sql, args });
    return Number(rs.rows[0]![0]);
  } finally {
    h.close();
  }
}
const entries = (action: string) => count('select count(*) from audit_entries where action = ?', action);

const json = (token: string, body: unknown, method = 'POST') => ({
  method,
  headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('a hub killed between a change and its audit entry', () => {
  it('leaves no policy submission without its policy.submitted entry', async () => {
    const policy = readFileSync(join(repoRoot, 'policies/companies/examples/tessellate-market.yaml'), 'utf8');
    const signal = await dieDuring('policy.submitted', (url, token) =>
      fetch(`${url}/api/v1/orgs/${companyId}/policies`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/yaml' },
        body: policy,
      }),
    );
    expect(['SIGKILL', 'exit 137']).toContain(signal);
    expect(await count('select count(*) from policy_submissions')).toBe(await entries('policy.submitted'));
  }, 60_000);

  it('leaves no organisation, membership or token without its entry', async () => {
    const ends: string[] = [];
    ends.push(
      await dieDuring('org.created', (url, token) =>
        fetch(`${url}/api/v1/orgs`, json(token, { slug: 'crashed-co', name: 'Crashed', kind: 'company' })),
      ),
    );
    expect(await count("select count(*) from organisations where slug = 'crashed-co'")).toBe(0);

    ends.push(
      await dieDuring('member.added', (url, token) =>
        fetch(
          `${url}/api/v1/orgs/${companyId}/members`,
          json(token, { email: 'new@example.org', role: 'viewer' }),
        ),
      ),
    );
    expect(await count("select count(*) from users where email = 'new@example.org'")).toBe(0);

    ends.push(
      await dieDuring('token.created', (url, token) =>
        fetch(`${url}/api/v1/me/tokens`, json(token, { name: 'crash' })),
      ),
    );
    for (const end of ends) expect(['SIGKILL', 'exit 137']).toContain(end);
    expect(await count('select count(*) from personal_access_tokens where user_id = ?', userId)).toBe(
      // the token of the set-up was created without the hub, hence without an entry
      1 + (await entries('token.created')),
    );
  }, 120_000);
});
