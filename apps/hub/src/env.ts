/**
 * The only place that reads process.env. Validated at start: a wrong value stops the start with
 * a message naming the variable.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { checkDatabaseUrl } from '@ewto/db';
import { formatKeyEncryptionKey, generateKeyEncryptionKey, parseKeyEncryptionKey } from '@ewto/identity';

export interface HubConfig {
  port: number;
  host: string;
  databaseUrl: string;
  databaseAuthToken: string | undefined;
  /** Public base URL: the `iss` of everything the hub signs, and the base of links. */
  hubUrl: string;
  maxBodyBytes: number;
  demo: boolean;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Lifetime of access JWTs, in seconds. */
  accessTokenTtl: number;
  /** Seconds between signed audit checkpoints while the log grows. */
  checkpointInterval: number;
  /** Folder of the built web UI, served at `/` when it exists. */
  webDist: string | undefined;
  /** Crash tests only: the hub kills itself (SIGKILL) just before writing an audit entry of this action. */
  faultKillBeforeAudit: string | undefined;
  /** The 32-byte key-encryption key that seals the hub's private signing keys in the database. */
  keyEncryptionKey: Uint8Array;
  /** Where it came from, for the start log: a variable, a file, or `generated` (`:memory:` only). */
  keyEncryptionKeySource: string;
  /** Collaboration (/collab): largest message a client may send (larger: close 4413). */
  collabMaxMessageBytes: number;
  /** Collaboration: how long concurrent updates are gathered into one database write. */
  collabGroupCommitMs: number;
  /** Collaboration: how often open connections' access is checked again (ms). */
  collabRecheckMs: number;
  /** Collaboration: a plan's update log is compacted into a snapshot after this many updates. */
  collabCompactAfter: number;
  /** Lifetime of browser sessions, in seconds (SESSION_TTL, default 8 hours). */
  sessionTtl: number;
  /** Failed authentications allowed per client address / per credential in one window (0: no limit). */
  authFailuresPerAddress: number;
  authFailuresPerCredential: number;
  /** Seconds of the rate-limit window; also the window in which repeated failures make one audit entry. */
  authFailureWindow: number;
}

export interface LoadOptions {
  /**
   * With neither HUB_KEY_ENCRYPTION_KEY nor HUB_KEY_ENCRYPTION_KEY_FILE set, use this file, creating
   * it (mode 0600) with a new random key when it does not exist. `pnpm start` passes `data/hub.kek`.
   */
  defaultKekFile?: string | undefined;
}

export class EnvError extends Error {
  override readonly name = 'EnvError';
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
  }
}

type Source = Record<string, string | undefined>;

function int(src: Source, name: string, def: number, min: number, max: number, problems: string[]): number {
  const raw = src[name];
  if (raw === undefined || raw === '') return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${name}: expected a whole number from ${min} to ${max}, got "${raw}"`);
    return def;
  }
  return n;
}

function bool(src: Source, name: string, problems: string[]): boolean {
  const raw = (src[name] ?? '').toLowerCase();
  if (raw === '' || raw === 'false' || raw === '0') return false;
  if (raw === 'true' || raw === '1') return true;
  problems.push(`${name}: expected true or false, got "${src[name]}"`);
  return false;
}

function readKekFile(path: string, name: string, problems: string[]) {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    problems.push(`${name}: cannot read ${path}: ${(e as Error).message}`);
    return undefined;
  }
  return parse(text, `${name} (${path})`, problems);
}

function parse(text: string, source: string, problems: string[]) {
  try {
    return parseKeyEncryptionKey(text, source);
  } catch (e) {
    problems.push((e as Error).message);
    return undefined;
  }
}

/** The key-encryption key: from the variable, the file, the default file (created), or random for `:memory:`. */
function keyEncryptionKey(
  src: Source,
  databaseUrl: string,
  { defaultKekFile }: LoadOptions,
  problems: string[],
): { key: Uint8Array; source: string } {
  const value = src.HUB_KEY_ENCRYPTION_KEY;
  const file = src.HUB_KEY_ENCRYPTION_KEY_FILE;
  const none = { key: new Uint8Array(32), source: 'none' };
  if (value && file) {
    problems.push(
      'HUB_KEY_ENCRYPTION_KEY_FILE: set either HUB_KEY_ENCRYPTION_KEY or HUB_KEY_ENCRYPTION_KEY_FILE, not both',
    );
    return none;
  }
  if (value) {
    const key = parse(value, 'HUB_KEY_ENCRYPTION_KEY', problems);
    return key ? { key, source: 'HUB_KEY_ENCRYPTION_KEY' } : none;
  }
  if (file) {
    const key = readKekFile(file, 'HUB_KEY_ENCRYPTION_KEY_FILE', problems);
    return key ? { key, source: file } : none;
  }
  if (databaseUrl === ':memory:') return { key: generateKeyEncryptionKey(), source: 'generated' };
  if (defaultKekFile) {
    const created = !existsSync(defaultKekFile);
    if (created) {
      mkdirSync(dirname(defaultKekFile), { recursive: true });
      writeFileSync(defaultKekFile, `${formatKeyEncryptionKey(generateKeyEncryptionKey())}\n`, {
        mode: 0o600,
        flag: 'wx',
      });
    }
    const key = readKekFile(defaultKekFile, defaultKekFile, problems);
    return key ? { key, source: `${defaultKekFile}${created ? ' (created)' : ''}` } : none;
  }
  problems.push(
    `HUB_KEY_ENCRYPTION_KEY or HUB_KEY_ENCRYPTION_KEY_FILE: required with DATABASE_URL=${databaseUrl} (only :memory: runs without): the 32-byte key that encrypts the hub's signing keys in the database, kept apart from it, e.g. \`openssl rand -base64 32 > hub.kek && chmod 600 hub.kek\` then HUB_KEY_ENCRYPTION_KEY_FILE=hub.kek`,
  );
  return none;
}

/**
 * Reads and validates the hub's configuration.
 * @example const config = loadConfig({ PORT: '0', DATABASE_URL: ':memory:' });
 */
export function loadConfig(src: Source = process.env, options: LoadOptions = {}): HubConfig {
  const problems: string[] = [];
  const port = int(src, 'PORT', 8787, 0, 65535, problems);
  const host = src.HOST || '127.0.0.1';
  const databaseUrl = src.DATABASE_URL || 'file:./data/hub.db';
  const dbProblem = checkDatabaseUrl(databaseUrl);
  if (dbProblem) problems.push(`DATABASE_URL: ${dbProblem}`);
  let hubUrl = src.HUB_URL || `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  try {
    const u = new URL(hubUrl);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
    hubUrl = hubUrl.replace(/\/+$/, '');
  } catch {
    problems.push(`HUB_URL: expected an http(s) URL such as https://hub.example.org, got "${src.HUB_URL}"`);
  }
  const kek = keyEncryptionKey(src, databaseUrl, options, problems);
  const logLevel = (src.LOG_LEVEL || 'info') as HubConfig['logLevel'];
  if (!['debug', 'info', 'warn', 'error', 'silent'].includes(logLevel))
    problems.push(`LOG_LEVEL: expected debug, info, warn, error or silent, got "${src.LOG_LEVEL}"`);
  const config: HubConfig = {
    port,
    host,
    databaseUrl,
    databaseAuthToken: src.DATABASE_AUTH_TOKEN || undefined,
    hubUrl,
    maxBodyBytes: int(src, 'MAX_BODY_BYTES', 1024 * 1024, 1024, 1024 * 1024 * 1024, problems),
    demo: bool(src, 'HUB_DEMO', problems),
    logLevel,
    accessTokenTtl: int(src, 'ACCESS_TOKEN_TTL', 900, 30, 86_400, problems),
    checkpointInterval: int(src, 'AUDIT_CHECKPOINT_INTERVAL', 60, 1, 3600, problems),
    webDist: src.WEB_DIST || undefined,
    faultKillBeforeAudit: src.HUB_FAULT_KILL_BEFORE_AUDIT || undefined,
    keyEncryptionKey: kek.key,
    keyEncryptionKeySource: kek.source,
    collabMaxMessageBytes: int(src, 'COLLAB_MAX_MESSAGE_BYTES', 512 * 1024, 1024, 64 * 1024 * 1024, problems),
    collabGroupCommitMs: int(src, 'COLLAB_GROUP_COMMIT_MS', 2, 0, 1000, problems),
    collabRecheckMs: int(src, 'COLLAB_RECHECK_MS', 500, 50, 60_000, problems),
    collabCompactAfter: int(src, 'COLLAB_COMPACT_AFTER', 500, 10, 1_000_000, problems),
    sessionTtl: int(src, 'SESSION_TTL', 8 * 3600, 60, 30 * 86_400, problems),
    authFailuresPerAddress: int(src, 'AUTH_FAILURES_PER_ADDRESS', 20, 0, 1_000_000, problems),
    authFailuresPerCredential: int(src, 'AUTH_FAILURES_PER_CREDENTIAL', 5, 0, 1_000_000, problems),
    authFailureWindow: int(src, 'AUTH_FAILURE_WINDOW', 60, 1, 86_400, problems),
  };
  if (problems.length) throw new EnvError(problems);
  return config;
}
