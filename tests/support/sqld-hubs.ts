/** Two hubs on one libsql server (sqld), with members signed in, for tests across hub processes. */
import { type SqldServer, startSqld } from '@ewto/db/testing';
import { type RunningHub, startTestHub } from '@ewto/hub/testing';
import { addMember, createPat, createUser } from '@ewto/identity';
import { exchange } from './world.ts';

export interface SqldHubs {
  sqld?: SqldServer;
  a?: RunningHub;
  b?: RunningHub;
}

/**
 * Starts sqld and two hubs on it (`a` over HTTP, `b` over WebSocket), filling `into` as each one
 * starts so that stopSqldHubs(into) stops whatever did.
 */
export async function startSqldHubs(into: SqldHubs): Promise<{ a: RunningHub; b: RunningHub }> {
  const sqld = await startSqld();
  into.sqld = sqld;
  const a = await startTestHub({ databaseUrl: sqld.url, hubUrl: 'http://hub.test' });
  into.a = a;
  const b = await startTestHub({ databaseUrl: sqld.url.replace('http:', 'ws:'), hubUrl: 'http://hub.test' });
  into.b = b;
  return { a, b };
}

export async function stopSqldHubs(hubs: SqldHubs): Promise<void> {
  await hubs.a?.close();
  await hubs.b?.close();
  await hubs.sqld?.stop();
}

/** Creates a user `<name>@example.org` per entry, a member of the org with the role, signed in on `hub` (tokens by name). */
export async function signInMembers(
  hub: RunningHub,
  members: ReadonlyArray<readonly [name: string, orgId: string, role: Parameters<typeof addMember>[3]]>,
  tokens: Record<string, string>,
): Promise<void> {
  const db = hub.deps.db;
  for (const [name, org, role] of members) {
    const u = await createUser(db, { email: `${name}@example.org`, name });
    await addMember(db, org, u.id, role);
    tokens[name] = await exchange(
      hub.url,
      (await createPat(db, { userId: u.id, name: 't', createdBy: 't' })).token,
    );
  }
}

/** A JSON request to `hub` as the member `who` (a name in `tokens`). */
export const jsonCaller =
  (tokens: Record<string, string>) =>
  (hub: RunningHub, who: string, method: string, path: string, body?: unknown) =>
    fetch(`${hub.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
