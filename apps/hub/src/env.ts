/**
 * The only place that reads process.env. Validated at start: a wrong value stops the start with
 * a message naming the variable.
 */
import { checkDatabaseUrl } from '@ewto/db';

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

/**
 * Reads and validates the hub's configuration.
 * @example const config = loadConfig({ PORT: '0', DATABASE_URL: ':memory:' });
 */
export function loadConfig(src: Source = process.env): HubConfig {
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
  };
  if (problems.length) throw new EnvError(problems);
  return config;
}
