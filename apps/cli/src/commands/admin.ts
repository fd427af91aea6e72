/** `ewto admin …`: administer the hub database directly (DATABASE_URL), e.g. to bootstrap the first admin. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type Database, openMigratedDatabase } from '@ewto/db';
import {
  type AuditEventInput,
  AuditLog,
  addMember,
  createOrg,
  createPat,
  createUser,
  findOrg,
  findUser,
  formatKeyEncryptionKey,
  generateKeyEncryptionKey,
  getMember,
  HubKeyStore,
  IdentityError,
  KeyEncryptionKey,
  parseKeyEncryptionKey,
  rewrapAll,
} from '@ewto/identity';
import { ORG_KINDS, type OrgKind, ROLES, type Role } from '@ewto/schemas';
import { decodeProtectedHeader } from 'jose';
import type { Command, Group, Io } from '../cli.ts';
import { CliError } from '../cli.ts';
import { choice, numberOption, resolvePath } from '../io.ts';

/** DATABASE_URL as the hub reads it (same default, relative to the repository root like `pnpm start`). */
export function databaseUrl(io: Io): string {
  return io.env.DATABASE_URL || 'file:./data/hub.db';
}

/** The key-encryption key file `pnpm start` and `ewto admin` use when none is configured. */
export const DEFAULT_KEK_FILE = 'data/hub.kek';

/** Reads a key-encryption key file, creating it (mode 0600) with a new key when `create` and it is missing. */
function kekFile(path: string, what: string, { create = false } = {}): Uint8Array {
  try {
    if (create && !existsSync(path)) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, `${formatKeyEncryptionKey(generateKeyEncryptionKey())}\n`, {
        mode: 0o600,
        flag: 'wx',
      });
    }
    return parseKeyEncryptionKey(readFileSync(path, 'utf8'), `${what} (${path})`);
  } catch (e) {
    if (e instanceof IdentityError) throw new CliError('usage', e.message);
    throw new CliError('usage', `${what}: cannot read ${path}: ${(e as Error).message}`, { cause: e });
  }
}

/**
 * The key-encryption key, found as the hub finds it: HUB_KEY_ENCRYPTION_KEY or
 * HUB_KEY_ENCRYPTION_KEY_FILE; a random one for `:memory:`; otherwise `data/hub.kek`, created when
 * missing, exactly as `pnpm start` does, so that the two agree on one machine.
 */
export async function keyEncryptionKey(io: Io): Promise<KeyEncryptionKey> {
  const { HUB_KEY_ENCRYPTION_KEY: value, HUB_KEY_ENCRYPTION_KEY_FILE: file, DATABASE_URL } = io.env;
  if (value && file)
    throw new CliError('usage', 'set either HUB_KEY_ENCRYPTION_KEY or HUB_KEY_ENCRYPTION_KEY_FILE, not both');
  let bytes: Uint8Array;
  if (value) {
    try {
      bytes = parseKeyEncryptionKey(value, 'HUB_KEY_ENCRYPTION_KEY');
    } catch (e) {
      throw new CliError('usage', (e as Error).message);
    }
  } else if (file) bytes = kekFile(file, 'HUB_KEY_ENCRYPTION_KEY_FILE');
  else if (DATABASE_URL === ':memory:') bytes = generateKeyEncryptionKey();
  else {
    const created = !existsSync(DEFAULT_KEK_FILE);
    bytes = kekFile(DEFAULT_KEK_FILE, DEFAULT_KEK_FILE, { create: true });
    if (created)
      io.stderr.write(
        `created ${DEFAULT_KEK_FILE}, the key that encrypts the hub's signing keys (as pnpm start does); keep it apart from database backups\n`,
      );
  }
  return KeyEncryptionKey.fromBytes(bytes);
}

type OperatorEvent = Pick<AuditEventInput, 'orgId' | 'resource' | 'details'>;
type OperatorRecorder = (action: AuditEventInput['action'], event?: OperatorEvent) => void;

/** Opens the hub database with the hub's keys and audit log, runs `fn`, closes. */
async function withHub<T>(
  io: Io,
  fn: (ctx: {
    db: Awaited<ReturnType<typeof openMigratedDatabase>>['db'];
    keys: HubKeyStore;
    kek: KeyEncryptionKey;
    /**
     * Runs a change and the audit entries of what the operator did (actor `operator`, `via: cli`) in
     * one transaction: write through `tx`, call `record` for each event.
     */
    audited: <R>(fn: (tx: Database, record: OperatorRecorder) => Promise<R>) => Promise<R>;
    audit: AuditLog;
  }) => Promise<T>,
): Promise<T> {
  const kek = await keyEncryptionKey(io);
  let handle: Awaited<ReturnType<typeof openMigratedDatabase>>;
  try {
    handle = await openMigratedDatabase({ url: databaseUrl(io), authToken: io.env.DATABASE_AUTH_TOKEN });
  } catch (e) {
    throw new CliError('usage', (e as Error).message, { cause: e });
  }
  try {
    const keys = new HubKeyStore(handle.db, { kek });
    await keys.init();
    const audit = new AuditLog({ db: handle.db, keys, origin: io.env.HUB_URL || 'http://127.0.0.1:8787' });
    await audit.init();
    const audited = <R>(fn: (tx: Database, record: OperatorRecorder) => Promise<R>) =>
      audit.transaction((tx, record) =>
        fn(tx, (action, { details, ...event } = {}) =>
          record({
            ...event,
            action,
            outcome: 'success',
            actor: { kind: 'operator' },
            details: { via: 'cli', ...details },
          }),
        ),
      );
    return await fn({ db: handle.db, keys, kek, audited, audit });
  } catch (e) {
    if (e instanceof IdentityError)
      throw new CliError(
        e.code === 'not-found' || e.code === 'key-encryption' ? 'usage' : 'check-failed',
        e.message,
      );
    throw e;
  } finally {
    handle.close();
  }
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

const migrate: Command = {
  kind: 'command',
  name: 'migrate',
  summary: 'Apply the database migrations to DATABASE_URL (the hub also does this at start)',
  usage: '',
  options: [],
  positionals: [0, 0],
  async run({ io }) {
    // Only the schema: no hub keys, so no key-encryption key needed.
    try {
      (await openMigratedDatabase({ url: databaseUrl(io), authToken: io.env.DATABASE_AUTH_TOKEN })).close();
    } catch (e) {
      throw new CliError('usage', (e as Error).message, { cause: e });
    }
    io.stdout.write(`migrated ${databaseUrl(io)}\n`);
    return 0;
  },
};

const orgCreate: Command = {
  kind: 'command',
  name: 'create',
  summary: 'Create an organisation',
  usage: '--slug <slug> --name <name> --kind <kind> [--agency <slug>]...',
  options: [
    {
      name: 'slug',
      type: 'string',
      value: '<slug>',
      description: 'short name people type (lower-case, dashes)',
    },
    { name: 'name', type: 'string', value: '<name>', description: 'display name' },
    { name: 'kind', type: 'string', value: ORG_KINDS.join('|'), description: 'organisation kind' },
    {
      name: 'agency',
      type: 'string',
      multiple: true,
      value: '<slug>',
      description: "a taskforce's member agency (repeat)",
    },
    { name: 'format', type: 'string', value: 'text|json', description: 'output format', default: 'text' },
  ],
  positionals: [0, 0],
  async run({ values, io }) {
    const slug = str(values.slug);
    const name = str(values.name);
    if (!slug || !name || !values.kind) throw new CliError('usage', '--slug, --name and --kind are required');
    const kind = choice<OrgKind>(values.kind, ORG_KINDS, 'kind');
    const agencies = (values.agency as string[] | undefined) ?? [];
    const org = await withHub(io, ({ audited }) =>
      audited(async (tx, record) => {
        const o = await createOrg(tx, { slug, name, kind, agencies });
        record('org.created', {
          orgId: o.id,
          resource: { type: 'organisation', id: o.id },
          details: { kind },
        });
        return o;
      }),
    );
    if (values.format === 'json') io.stdout.write(`${JSON.stringify(org)}\n`);
    else io.stdout.write(`created ${org.kind} ${org.slug} (${org.id})\n`);
    return 0;
  },
};

const userCreate: Command = {
  kind: 'command',
  name: 'create',
  summary: 'Create a user (or reuse one by email) and give them a role in an organisation',
  usage: '--email <email> --org <slug|id> --role <role> [--name <name>]',
  options: [
    {
      name: 'email',
      type: 'string',
      value: '<email>',
      description: "the person's email (stored lower-case)",
    },
    { name: 'name', type: 'string', value: '<name>', description: 'display name' },
    { name: 'org', type: 'string', value: '<slug|id>', description: 'organisation to join' },
    { name: 'role', type: 'string', value: ROLES.join('|'), description: 'role in that organisation' },
  ],
  positionals: [0, 0],
  async run({ values, io }) {
    const email = str(values.email);
    const orgRef = str(values.org);
    if (!email || !orgRef || !values.role)
      throw new CliError('usage', '--email, --org and --role are required');
    const role = choice<Role>(values.role, ROLES, 'role');
    const out = await withHub(io, ({ audited }) =>
      audited(async (tx, record) => {
        const org = await findOrg(tx, orgRef);
        if (!org) throw new CliError('usage', `no organisation "${orgRef}"`);
        const user =
          (await findUser(tx, email)) ?? (await createUser(tx, { email, name: str(values.name) ?? '' }));
        await addMember(tx, org.id, user.id, role);
        record('member.added', { orgId: org.id, resource: { type: 'user', id: user.id }, details: { role } });
        return { user, org };
      }),
    );
    io.stdout.write(`${out.user.email} (${out.user.id}) is ${role} of ${out.org.slug}\n`);
    return 0;
  },
};

const token: Command = {
  kind: 'command',
  name: 'token',
  summary: 'Create a personal access token for a user and print it (shown once)',
  usage: '--email <email> [--org <slug|id>] [--name <name>] [--days N]',
  description:
    'The token is unscoped (acts in every organisation of its user) unless --org confines it to one of them for its whole life.',
  options: [
    { name: 'email', type: 'string', value: '<email>', description: 'whose token' },
    {
      name: 'org',
      type: 'string',
      value: '<slug|id>',
      description: 'scope the token to this organisation (the user must be a member)',
    },
    { name: 'name', type: 'string', value: '<name>', description: 'what the token is for', default: 'cli' },
    { name: 'days', type: 'string', value: 'N', description: 'days until it expires (1-366)', default: '90' },
  ],
  positionals: [0, 0],
  async run({ values, io }) {
    const email = str(values.email);
    if (!email) throw new CliError('usage', '--email is required');
    const days = numberOption(values.days, 'days', { min: 1, max: 366 });
    const out = await withHub(io, ({ audited }) =>
      audited(async (tx, record) => {
        const user = await findUser(tx, email);
        if (!user) throw new CliError('usage', `no user with email ${email}`);
        const orgRef = str(values.org);
        let scopeOrgId: string | null = null;
        if (orgRef) {
          const org = await findOrg(tx, orgRef);
          if (!org) throw new CliError('usage', `no organisation "${orgRef}"`);
          if (!(await getMember(tx, org.id, user.id)))
            throw new CliError('usage', `${email} is not a member of ${org.slug}`);
          scopeOrgId = org.id;
        }
        const pat = await createPat(tx, {
          userId: user.id,
          name: str(values.name) ?? 'cli',
          createdBy: 'cli',
          expiresInDays: days,
          scopeOrgId,
        });
        record('token.created', {
          ...(scopeOrgId ? { orgId: scopeOrgId } : {}),
          resource: { type: 'personal-access-token', id: pat.info.id },
          details: { forUser: user.id, expiresAt: pat.info.expiresAt, ...(scopeOrgId ? { scopeOrgId } : {}) },
        });
        return pat;
      }),
    );
    io.stdout.write(`${out.token}\n`);
    io.stderr.write(
      `personal access token ${out.info.id} for ${email}, ${out.info.scopeOrgId ? `scoped to organisation ${out.info.scopeOrgId}` : 'unscoped'}, expires ${out.info.expiresAt}\n`,
    );
    return 0;
  },
};

const keysRotate: Command = {
  kind: 'command',
  name: 'rotate',
  summary: 'Rotate the hub signing key: a new key signs from now on; the old one stays published, retired',
  usage: '',
  options: [],
  positionals: [0, 0],
  async run({ io }) {
    const out = await withHub(io, ({ keys, audited }) =>
      audited(async (tx, record) => {
        const r = await keys.rotate(tx);
        record('key.rotated', {
          resource: { type: 'hub-key', id: r.newKid },
          details: { retired: r.retiredKids },
        });
        return r;
      }),
    );
    io.stdout.write(`new active key ${out.newKid}; retired ${out.retiredKids.join(', ') || 'none'}\n`);
    io.stdout.write('running hubs pick the new key up within 2 seconds\n');
    return 0;
  },
};

const keysCompromised: Command = {
  kind: 'command',
  name: 'compromised',
  summary:
    'Mark a hub key compromised: rejected from now on, named in the signed key-status list; a checkpoint by the new key covers the log',
  usage: '<kid>',
  options: [],
  positionals: [1, 1],
  async run({ positionals, io }) {
    const kid = positionals[0]!;
    const checkpoint = await withHub(io, async ({ keys, audited, audit }) => {
      await audited(async (tx, record) => {
        await keys.markCompromised(kid, tx);
        record('key.compromised', { resource: { type: 'hub-key', id: kid } });
      });
      // Checkpoints the key signed are no longer trusted: one by the new active key covers the log.
      return audit.checkpoint({ resign: true });
    });
    io.stdout.write(`key ${kid} marked compromised\n`);
    if (checkpoint)
      io.stdout.write(
        `checkpoint of size ${checkpoint.treeSize} signed by key ${decodeProtectedHeader(checkpoint.jws).kid}\n`,
      );
    return 0;
  },
};

const keysRewrap: Command = {
  kind: 'command',
  name: 'rewrap',
  summary: "Rotate the key-encryption key: re-encrypt the hub's private keys under a new one",
  usage: '--new-key-file <file>',
  description:
    'Reads the current key-encryption key as the hub does (HUB_KEY_ENCRYPTION_KEY or\nHUB_KEY_ENCRYPTION_KEY_FILE) and re-encrypts every hub private key under the key in <file>,\nin one transaction; <file> is created (mode 0600) with a new random key when it does not exist.\nThen restart every hub with HUB_KEY_ENCRYPTION_KEY_FILE=<file> and destroy the old key.',
  options: [
    {
      name: 'new-key-file',
      type: 'string',
      value: '<file>',
      description: 'the new key-encryption key (base64url of 32 bytes), created if missing',
    },
  ],
  positionals: [0, 0],
  async run({ values, io }) {
    const path = str(values['new-key-file']);
    if (!path) throw new CliError('usage', '--new-key-file <file> is required');
    const file = resolvePath(io, path);
    const created = !existsSync(file);
    const next = await KeyEncryptionKey.fromBytes(kekFile(file, '--new-key-file', { create: true }));
    const out = await withHub(io, ({ kek, audited }) => {
      if (kek.id === next.id)
        throw new CliError('usage', `${path} holds the key-encryption key in use already`);
      return audited(async (tx, record) => {
        const counts = await rewrapAll(tx, kek, next);
        record('key.rewrapped', {
          resource: { type: 'key-encryption-key', id: next.id },
          details: { from: kek.id, to: next.id, ...counts },
        });
        return { counts, from: kek.id };
      });
    });
    io.stdout.write(
      `re-encrypted ${out.counts.hubKeys} hub keys, ${out.counts.intelPublications} intelligence publications and ${out.counts.intelDeliveries} stored packages from key-encryption key ${out.from} to ${next.id}${created ? ` (new key written to ${path})` : ''}\n`,
    );
    io.stdout.write(`now restart every hub with HUB_KEY_ENCRYPTION_KEY_FILE=${file}\n`);
    return 0;
  },
};

const group = (name: string, summary: string, children: Array<Command | Group>): Group => ({
  kind: 'group',
  name,
  summary,
  children,
});

export const adminGroup: Group = group(
  'admin',
  'Administer the hub database directly (uses DATABASE_URL, default file:./data/hub.db)',
  [
    migrate,
    group('org', 'Organisations', [orgCreate]),
    group('user', 'Users and their roles', [userCreate]),
    token,
    group('keys', 'Hub signing keys', [keysRotate, keysCompromised, keysRewrap]),
  ],
);
