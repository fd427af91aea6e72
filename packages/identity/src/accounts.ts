/** Organisations, users and memberships. */
import type { Database } from '@ewto/db';
import { memberships, organisations, taskforceMembers, users } from '@ewto/db/schema';
import type { OrgKind, Role } from '@ewto/schemas';
import { and, asc, eq, gt, inArray, or } from 'drizzle-orm';
import type { Membership } from './actor.ts';
import { IdentityError } from './errors.ts';
import { isId, newId, nowIso } from './ids.ts';
import { clampLimit, decodeCursor, type Page, toPage } from './pagination.ts';

export type Organisation = typeof organisations.$inferSelect;
export type User = typeof users.$inferSelect;

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
/** Any UUID shape: organisations are found by id or slug (`findOrg`), so a slug must never look like an id. */
const ID_SHAPED = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export async function createOrg(
  db: Database,
  input: { slug: string; name: string; kind: OrgKind; agencies?: string[] },
): Promise<Organisation> {
  if (!SLUG.test(input.slug))
    throw new IdentityError('invalid', `slug "${input.slug}" must be lower-case letters, digits and dashes`);
  if (ID_SHAPED.test(input.slug))
    throw new IdentityError(
      'invalid',
      `slug "${input.slug}" looks like an organisation id; ids and slugs are both accepted where an organisation is named, so choose a name-like slug`,
    );
  if (!input.name.trim()) throw new IdentityError('invalid', 'name must not be empty');
  const existing = await db.select().from(organisations).where(eq(organisations.slug, input.slug));
  if (existing.length)
    throw new IdentityError('already-exists', `organisation "${input.slug}" already exists`);
  const agencies: Organisation[] = [];
  if (input.agencies?.length) {
    if (input.kind !== 'taskforce')
      throw new IdentityError('invalid', 'only a taskforce has member agencies');
    for (const ref of input.agencies) {
      const a = await findOrg(db, ref);
      if (a?.kind !== 'agency') throw new IdentityError('invalid', `"${ref}" is not an agency`);
      agencies.push(a);
    }
  }
  const org: Organisation = {
    id: newId(),
    slug: input.slug,
    name: input.name.trim(),
    kind: input.kind,
    createdAt: nowIso(),
    version: 1,
  };
  await db.insert(organisations).values(org);
  if (agencies.length)
    await db.insert(taskforceMembers).values(agencies.map((a) => ({ taskforceId: org.id, agencyId: a.id })));
  return org;
}

/** Finds an organisation by id or slug. */
export async function findOrg(db: Database, ref: string): Promise<Organisation | undefined> {
  const rows = await db
    .select()
    .from(organisations)
    .where(isId(ref) ? eq(organisations.id, ref) : eq(organisations.slug, ref));
  return rows[0];
}

export async function listOrgs(
  db: Database,
  { cursor, limit, only }: { cursor?: string; limit?: number; only?: string[] },
): Promise<Page<Organisation>> {
  const n = clampLimit(limit);
  const after = decodeCursor(cursor);
  const conds = [];
  if (after) conds.push(gt(organisations.id, after));
  if (only) conds.push(inArray(organisations.id, only.length ? only : ['']));
  const rows = await db
    .select()
    .from(organisations)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(asc(organisations.id))
    .limit(n + 1);
  return toPage(rows, n, (o) => o.id);
}

/** The agencies a taskforce resolves to (an agency resolves to itself). */
export async function resolveRecipients(db: Database, orgId: string): Promise<string[]> {
  const org = await findOrg(db, orgId);
  if (!org) throw new IdentityError('not-found', `no organisation ${orgId}`);
  if (org.kind === 'agency') return [org.id];
  if (org.kind !== 'taskforce')
    throw new IdentityError('invalid', `${org.slug} is not an agency or taskforce`);
  const rows = await db.select().from(taskforceMembers).where(eq(taskforceMembers.taskforceId, org.id));
  return rows.map((r) => r.agencyId).sort();
}

export async function createUser(db: Database, input: { email: string; name: string }): Promise<User> {
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email)) throw new IdentityError('invalid', `"${input.email}" is not an email address`);
  if ((await db.select().from(users).where(eq(users.email, email))).length)
    throw new IdentityError('already-exists', `a user with email ${email} already exists`);
  const user: User = {
    id: newId(),
    email,
    name: input.name.trim() || email,
    createdAt: nowIso(),
    disabledAt: null,
  };
  await db.insert(users).values(user);
  return user;
}

export async function findUser(db: Database, ref: string): Promise<User | undefined> {
  const rows = await db
    .select()
    .from(users)
    .where(isId(ref) ? eq(users.id, ref) : eq(users.email, ref.trim().toLowerCase()));
  return rows[0];
}

export async function userMemberships(db: Database, userId: string): Promise<Membership[]> {
  const rows = await db
    .select({
      orgId: memberships.orgId,
      role: memberships.role,
      orgKind: organisations.kind,
      orgSlug: organisations.slug,
    })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(eq(memberships.userId, userId));
  return rows;
}

export interface Member {
  userId: string;
  email: string;
  name: string;
  role: Role;
  createdAt: string;
  version: number;
}

export async function getMember(db: Database, orgId: string, userId: string): Promise<Member | undefined> {
  const rows = await memberQuery(db).where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  return rows[0];
}

function memberQuery(db: Database) {
  return db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      role: memberships.role,
      createdAt: memberships.createdAt,
      version: memberships.version,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .$dynamic();
}

export async function listMembers(
  db: Database,
  orgId: string,
  { cursor, limit }: { cursor?: string; limit?: number },
): Promise<Page<Member>> {
  const n = clampLimit(limit);
  const after = decodeCursor(cursor);
  const rows = await memberQuery(db)
    .where(and(eq(memberships.orgId, orgId), after ? gt(users.id, after) : undefined))
    .orderBy(asc(users.id))
    .limit(n + 1);
  return toPage(rows, n, (m) => m.userId);
}

export async function addMember(db: Database, orgId: string, userId: string, role: Role): Promise<Member> {
  if (await getMember(db, orgId, userId)) throw new IdentityError('already-exists', 'already a member');
  await db.insert(memberships).values({ orgId, userId, role, createdAt: nowIso(), version: 1 });
  return (await getMember(db, orgId, userId))!;
}

/** Changes a role; `ifMatch` is the member's version (ETag) the caller last saw. */
export async function setRole(
  db: Database,
  orgId: string,
  userId: string,
  role: Role,
  ifMatch: number | undefined,
): Promise<{ before: Member; after: Member }> {
  const before = await getMember(db, orgId, userId);
  if (!before) throw new IdentityError('not-found', 'no such member');
  if (ifMatch === undefined)
    throw new IdentityError('precondition-required', 'send If-Match with the ETag you read');
  if (before.role === 'admin' && role !== 'admin') await keepAnAdmin(db, orgId);
  const res = await db
    .update(memberships)
    .set({ role, version: before.version + 1 })
    .where(
      and(eq(memberships.orgId, orgId), eq(memberships.userId, userId), eq(memberships.version, ifMatch)),
    );
  if (res.rowsAffected === 0)
    throw new IdentityError('precondition-failed', 'the membership changed since you read it; read it again');
  return { before, after: (await getMember(db, orgId, userId))! };
}

export async function removeMember(db: Database, orgId: string, userId: string): Promise<Member> {
  const before = await getMember(db, orgId, userId);
  if (!before) throw new IdentityError('not-found', 'no such member');
  if (before.role === 'admin') await keepAnAdmin(db, orgId);
  await db.delete(memberships).where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  return before;
}

/** Organisations whose admins may see each other: used to restrict `org.list` to what a caller knows. */
export async function visibleOrgIds(db: Database, orgIds: string[]): Promise<string[]> {
  if (!orgIds.length) return [];
  const tf = await db
    .select()
    .from(taskforceMembers)
    .where(or(inArray(taskforceMembers.agencyId, orgIds), inArray(taskforceMembers.taskforceId, orgIds)));
  return [...new Set([...orgIds, ...tf.map((t) => t.taskforceId)])];
}

/** Refuses a change that would leave an organisation without an admin (nobody could manage it). */
async function keepAnAdmin(db: Database, orgId: string): Promise<void> {
  const admins = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.role, 'admin')))
    .limit(2);
  if (admins.length < 2)
    throw new IdentityError(
      'conflict',
      "this is the organisation's last admin: make someone else admin first",
    );
}

/** The organisations a user belongs to (ids). */
export async function membershipOrgIds(db: Database, userId: string): Promise<string[]> {
  const rows = await db
    .select({ orgId: memberships.orgId })
    .from(memberships)
    .where(eq(memberships.userId, userId));
  return rows.map((r) => r.orgId);
}
