import type { Database, DbHandle } from '@ewto/db';
import type { Catalog } from '@ewto/framework';
import type {
  Actor,
  AuditLog,
  AuthFailureLog,
  AuthLimiter,
  HubKeyStore,
  KeyEncryptionKey,
  SessionInfo,
  TokenService,
} from '@ewto/identity';
import type { Collab, CollabCredential } from './collab/index.ts';
import type { HubConfig } from './env.ts';
import type { Logger } from './log.ts';
import type { AtRest } from './services/intel/at-rest.ts';
import type { KeywordService } from './services/keywords.ts';

/** What every route can reach through `c.var.deps`. */
export interface HubDeps {
  config: HubConfig;
  db: Database;
  dbHandle: DbHandle;
  log: Logger;
  /** The key-encryption key: seals secrets at rest (`sealEnvelope`/`openEnvelope` of @ewto/identity). */
  kek: KeyEncryptionKey;
  keys: HubKeyStore;
  /** Seals what the intelligence exchange keeps at rest. */
  intelAtRest: AtRest;
  tokens: TokenService;
  audit: AuditLog;
  /** Failed-authentication limits per client address and per credential (429 + Retry-After). */
  authLimiter: AuthLimiter;
  /** Records failed authentication: the first per source and window in full, the rest as one count. */
  authFailures: AuthFailureLog;
  /** Signs the cursors of paginated lists (kept in the database: every hub process shares it). */
  cursorSecret: string;
  /** The released framework editions (policies/framework/), loaded at start. */
  frameworks: Catalog;
  /** The keyword library (files + promoted terms) and its screener: `await keywords.current()`. */
  keywords: KeywordService;
  /** The action plans' collaboration server (/collab) and document store. */
  collab: Collab;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    deps: HubDeps;
    /** The validated JSON request body, when the route declares a body schema. */
    body: unknown;
    /** Who is calling (anonymous without an Authorization header or session cookie). */
    actor: Actor;
    /** How the actor authenticated, for long-lived connections (/collab): expiry and recheck. */
    credential?: CollabCredential;
    /** The browser session, when the caller authenticated with the session cookie. */
    session?: SessionInfo;
  };
}
