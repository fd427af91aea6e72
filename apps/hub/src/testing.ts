/** For tests: a hub on its own fresh in-memory database, in-process or listening on 127.0.0.1:random. */
import { openMigratedDatabase } from '@ewto/db';
import { createApp } from './app.ts';
import { createDeps } from './deps.ts';
import { type HubConfig, loadConfig } from './env.ts';
import { silentLogger } from './log.ts';
import { type RunningHub, startHub } from './server.ts';
import type { HubDeps } from './types.ts';

export function testConfig(overrides: Partial<HubConfig> = {}): HubConfig {
  return { ...loadConfig({ PORT: '0', DATABASE_URL: ':memory:', LOG_LEVEL: 'silent' }), ...overrides };
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
