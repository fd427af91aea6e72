/** `pnpm start`: validate the configuration, start the hub, stop cleanly on SIGINT/SIGTERM. */
import { resolve } from 'node:path';
import { demoBanner } from './demo.ts';
import { EnvError, loadConfig } from './env.ts';
import { createLogger } from './log.ts';
import { startHub } from './server.ts';

/** `--default-kek-file <path>` (what `pnpm start` passes): the key-encryption key file to use, and create, when none is configured. */
function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig(undefined, { defaultKekFile: argValue('--default-kek-file') });
} catch (e) {
  if (e instanceof EnvError) {
    console.error(`ewto hub: ${e.message}`);
    process.exit(2);
  }
  throw e;
}
config.webDist ??= resolve(import.meta.dirname, '../../web/dist');
const log = createLogger({ level: config.logLevel });
let hub: Awaited<ReturnType<typeof startHub>> | undefined;
// Handlers first: a signal that comes while the hub starts (or just after it prints its URL) still
// ends it cleanly, never by the default action.
let stopping = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, async () => {
    if (stopping) process.exit(1);
    stopping = true;
    log.info('shutting down', { signal: sig });
    await hub?.close();
    log.info('stopped');
    process.exit(0);
  });
}
try {
  hub = await startHub(config, { log });
} catch (e) {
  console.error(`ewto hub: cannot start: ${(e as Error).message}`);
  process.exit(1);
}
log.info('hub started', {
  url: hub.url,
  hubUrl: config.hubUrl,
  database: hub.deps.dbHandle.kind,
  demo: config.demo,
});
process.stderr.write(`\nEWTO Hub listening on ${hub.url}  (database ${config.databaseUrl})\n`);
if (config.keyEncryptionKeySource !== 'generated')
  process.stderr.write(
    `  signing keys encrypted under the key in ${config.keyEncryptionKeySource}: keep it apart from database backups\n`,
  );
process.stderr.write(`  health:  ${hub.url}/healthz\n  API:     ${hub.url}/api/v1/openapi.json\n\n`);
if (config.demo) process.stderr.write(`${demoBanner()}\n\n`);
