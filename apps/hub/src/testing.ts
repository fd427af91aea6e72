/** For tests: a hub on its own fresh in-memory database, in-process or listening on 127.0.0.1:random. */
import { openMigratedDatabase } from '@ewto/db';
import { generateKeyEncryptionKey } from '@ewto/identity';
import { createApp } from './app.ts';
import { createDeps } from './deps.ts';
import { type HubConfig, loadConfig } from './env.ts';
import { silentLogger } from './log.ts';
import { type RunningHub, startHub } from './server.ts';
import type { HubDeps } from './types.ts';

/**
 * One key-encryption key for every test hub of this process, so a test that restarts a hub on the
 * same database file (or runs two on one sqld) finds its keys; pass `keyEncryptionKey` to differ.
 */
export const TEST_KEY_ENCRYPTION_KEY = generateKeyEncryptionKey();

export function testConfig(overrides: Partial<HubConfig> = {}): HubConfig {
  return {
    ...loadConfig({ PORT: '0', DATABASE_URL: ':memory:', LOG_LEVEL: 'silent' }),
    keyEncryptionKey: TEST_KEY_ENCRYPTION_KEY,
    keyEncryptionKeySource: 'test',
    // Suites that test refusals (bad tokens, replays) fail many times from 127.0.0.1 on purpose: the
    // limiter runs, but only a test of the limits themselves sets limits that bite.
    authFailuresPerAddress: 10_000,
    authFailuresPerCredential: 10_000,
    ...overrides,
  };
}

/** An in-process app (call `app.request()`); close() releases the database. */
export async function createTestApp(overrides: Partial<HubConfig> = {}) {
  const config = testConfig(overrides);
  const dbHandle = await openMigratedDatabase({ url: config.databaseUrl });
  const deps: HubDeps = await createDeps(config, dbHandle, silentLogger);
  const hub = createApp(deps);
  return { ...hub, deps, close: () => dbHandle.close() };
}

/** A real server on 127.0.0.1 with a random port. */
export async function startTestHub(overrides: Partial<HubConfig> = {}): Promise<RunningHub> {
  return startHub(testConfig(overrides), { log: silentLogger });
}
export type { RunningHub } from './server.ts';
