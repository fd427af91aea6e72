/** Builds what routes use from a config and an open, migrated database. */
import type { DbHandle } from '@ewto/db';
import { createCatalog } from '@ewto/framework';
import { loadEditions } from '@ewto/framework/node';
import {
  AuditLog,
  AuthFailureLog,
  AuthLimiter,
  HubKeyStore,
  KeyEncryptionKey,
  loadCursorSecret,
  MemoryRateLimitStore,
  TokenService,
} from '@ewto/identity';
import { loadLibrary } from '@ewto/keywords/node';
import { Collab } from './collab/index.ts';
import type { HubConfig } from './env.ts';
import type { Logger } from './log.ts';
import { kekAtRest } from './services/intel/at-rest.ts';
import { KeywordService } from './services/keywords.ts';
import type { HubDeps } from './types.ts';

export async function createDeps(config: HubConfig, dbHandle: DbHandle, log: Logger): Promise<HubDeps> {
  const db = dbHandle.db;
  const kek = await KeyEncryptionKey.fromBytes(config.keyEncryptionKey);
  const keys = new HubKeyStore(db, { kek });
  await keys.init();
  const tokens = new TokenService({ db, keys, issuer: config.hubUrl, ttl: config.accessTokenTtl });
  const kill = config.faultKillBeforeAudit;
  const audit = new AuditLog({
    db,
    keys,
    origin: config.hubUrl,
    ...(kill && {
      faults: {
        beforeEntries: (actions) => {
          if (actions.includes(kill)) process.kill(process.pid, 'SIGKILL');
        },
      },
    }),
  });
  await audit.init();
  const cursorSecret = await loadCursorSecret(db);
  const windowMs = config.authFailureWindow * 1000;
  const authLimiter = new AuthLimiter(new MemoryRateLimitStore(), {
    perAddress: config.authFailuresPerAddress,
    perCredential: config.authFailuresPerCredential,
    windowMs,
  });
  const authFailures = new AuthFailureLog({
    audit,
    windowMs,
    onError: (e) => log.error('audit of repeated authentication failures failed', { error: String(e) }),
  });
  const frameworks = createCatalog(await loadEditions());
  const library = await loadLibrary();
  const keywords = new KeywordService(db, library);
  await keywords.init();
  const collab = new Collab({
    db,
    logger: log,
    limits: { maxMessageBytes: config.collabMaxMessageBytes },
    groupCommitMs: config.collabGroupCommitMs,
    recheckMs: config.collabRecheckMs,
    compactAfter: config.collabCompactAfter,
  });
  return {
    config,
    db,
    dbHandle,
    log,
    kek,
    keys,
    intelAtRest: kekAtRest(kek),
    tokens,
    audit,
    authLimiter,
    authFailures,
    cursorSecret,
    frameworks,
    keywords,
    collab,
  };
}
