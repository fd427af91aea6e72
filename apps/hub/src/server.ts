/**
 * The Node adapter: opens and migrates the database, serves the app on HOST:PORT with the
 * WebSocket server that `upgradeWebSocket` routes (collaboration) use, and closes cleanly.
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { openMigratedDatabase } from '@ewto/db';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { WebSocketServer } from 'ws';
import { createApp, type HubApp } from './app.ts';
import { seedDemo } from './demo.ts';
import { createDeps } from './deps.ts';
import type { HubConfig } from './env.ts';
import { createLogger, type Logger } from './log.ts';
import type { HubDeps } from './types.ts';

const UI_ROUTE = /^\/(?!api\/|api$|\.well-known\/|collab\/|assets\/|healthz$)/;

export interface RunningHub {
  /** The base URL the hub listens on (with the real port when PORT=0). */
  url: string;
  port: number;
  deps: HubDeps;
  hub: HubApp;
  close(): Promise<void>;
}

export async function startHub(
  config: HubConfig,
  { log = createLogger({ level: config.logLevel }) }: { log?: Logger } = {},
): Promise<RunningHub> {
  const dbHandle = await openMigratedDatabase({
    url: config.databaseUrl,
    authToken: config.databaseAuthToken,
  });
  // Above the collaboration limit, so that an oversized message gets the hub's 4413, not ws's 1009.
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: Math.max(config.maxBodyBytes, 8 * config.collabMaxMessageBytes),
  });
  // Listen first, so that with PORT=0 and no HUB_URL the hub signs with the URL it really has.
  let hub: HubApp | undefined;
  let server!: ReturnType<typeof serve>;
  const fetch = (req: Request, env: unknown) =>
    hub
      ? hub.app.fetch(req, env)
      : new Response('starting', { status: 503, headers: { 'Retry-After': '1' } });
  const info = await new Promise<AddressInfo>((resolve, reject) => {
    server = serve({ fetch, port: config.port, hostname: config.host, websocket: { server: wss } }, resolve);
    server.once('error', (e) => {
      dbHandle.close();
      reject(new Error(`cannot listen on ${config.host}:${config.port}: ${e.message}`));
    });
  });
  const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
  const url = `http://${host}:${info.port}`;
  // PORT=0: HUB_URL gets the real port, keeping its host (browser tests use http://localhost:0).
  if (config.port === 0 && config.hubUrl.endsWith(':0'))
    config = { ...config, hubUrl: config.hubUrl.replace(/:0$/, `:${info.port}`) };
  let deps: HubDeps;
  try {
    deps = await createDeps(config, dbHandle, log);
    if (config.demo) await seedDemo(deps);
  } catch (e) {
    server.close();
    dbHandle.close();
    throw e;
  }
  hub = createApp(deps);
  if (config.webDist && existsSync(config.webDist)) {
    const root = config.webDist;
    const indexHtml = serveStatic({ root, path: 'index.html' });
    hub.app.get('*', serveStatic({ root }));
    // The UI's own routes get index.html; API paths and missing assets keep their 404 problem.
    hub.app.get('*', (c, next) => (UI_ROUTE.test(c.req.path) ? indexHtml(c, next) : next()));
  }
  // A signed checkpoint at least every interval while the log grows.
  const checkpointTimer = setInterval(() => {
    deps.audit
      .checkpoint()
      .catch((e) => log.error('audit checkpoint failed', { error: (e as Error).message }));
  }, config.checkpointInterval * 1000);
  checkpointTimer.unref();
  let closed = false;
  return {
    url,
    port: info.port,
    deps,
    hub,
    close: async () => {
      if (closed) return;
      closed = true;
      clearInterval(checkpointTimer);
      await deps.authFailures.close().catch(() => {});
      await deps.audit.checkpoint().catch(() => {});
      await deps.collab.close();
      for (const ws of wss.clients) ws.close(1001, 'hub shutting down');
      await new Promise<void>((r) => wss.close(() => r()));
      await new Promise<void>((r) => {
        server.close(() => r());
        if ('closeAllConnections' in server)
          (server as { closeAllConnections(): void }).closeAllConnections();
      });
      dbHandle.close();
    },
  };
}
