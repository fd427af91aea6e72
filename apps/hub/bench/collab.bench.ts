/**
 * `pnpm --filter @ewto/hub bench`: the /collab server against the reference y-websocket server
 * (@y/websocket-server 0.1.1, in memory and with y-leveldb persistence via YPERSISTENCE), measured
 * in the same run. 1,000 stock-protocol connections over 100 plans (10 per plan), each connection
 * editing its own activity; at 1,000 and 3,000 updates/s: fan-out latency (send → each other
 * client of the plan received it) p50/p99, updates delivered vs expected, server CPU, memory per
 * loaded plan and after every client left. Server on CPU 0, this load generator on CPU 1 (taskset).
 * Every hub update is written to its libsql file before it is broadcast; the reference servers
 * broadcast first (the LevelDB one stores afterwards).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { openMigratedDatabase } from '@ewto/db';
import {
  addMember,
  createOrg,
  createPat,
  createUser,
  formatKeyEncryptionKey,
  generateKeyEncryptionKey,
} from '@ewto/identity';
import { categoryArray, createSkeleton } from '@ewto/plans';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { createPlan } from '../src/services/plans.ts';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 1000);
const PLANS = Number(process.env.BENCH_PLANS ?? 100);
const RATES = (process.env.BENCH_RATES ?? '1000,3000').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const repoRoot = resolve(import.meta.dirname, '../../..');
const require = createRequire(import.meta.url);
const refServer = join(dirname(require.resolve('@y/websocket-server/package.json')), 'src/server.js');

try {
  execFileSync('taskset', ['-cp', '1', String(process.pid)], { stdio: 'ignore' });
} catch {
  console.error('taskset is missing (util-linux): server and load generator share cores');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const procStat = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) / 100; // utime + stime, seconds (USER_HZ 100)
};
const rssMiB = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

interface Server {
  name: string;
  url: string;
  proc: ChildProcess;
  rooms: string[];
  token?: string;
  /** Reference servers start with empty rooms: the load generator writes the skeleton. */
  needsSkeleton: boolean;
  cleanup(): void;
}

async function spawnServer(
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
): Promise<{ proc: ChildProcess; out: string }> {
  const proc = spawn('taskset', ['-c', '0', process.execPath, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  await new Promise<void>((res, rej) => {
    const t = setTimeout(() => rej(new Error(`server did not start: ${out}`)), 60_000);
    const on = (d: Buffer) => {
      out += d;
      if (ready.test(out)) {
        clearTimeout(t);
        res();
      }
    };
    proc.stdout!.on('data', on);
    proc.stderr!.on('data', on);
    proc.on('exit', (c) => rej(new Error(`server exited ${c}: ${out}`)));
  });
  proc.stdout!.resume();
  proc.stderr!.resume();
  return { proc, out };
}

async function referenceServer(persistent: boolean, port: number): Promise<Server> {
  const dir = persistent ? mkdtempSync(join(tmpdir(), 'ewto-bench-leveldb-')) : '';
  const { proc } = await spawnServer(
    [refServer],
    { HOST: '127.0.0.1', PORT: String(port), ...(persistent ? { YPERSISTENCE: dir } : {}) },
    /running at/,
  );
  return {
    name: persistent ? 'y-websocket-server + y-leveldb' : 'y-websocket-server (memory)',
    url: `ws://127.0.0.1:${port}`,
    proc,
    rooms: Array.from({ length: PLANS }, (_, i) => `plan-${i}`),
    needsSkeleton: true,
    cleanup: () => dir && rmSync(dir, { recursive: true, force: true }),
  };
}

async function hubServer(): Promise<Server> {
  // BENCH_DB_DIR=/dev/shm puts the database on tmpfs: the same code without the disk's fsync cost.
  const dir = mkdtempSync(join(process.env.BENCH_DB_DIR ?? tmpdir(), 'ewto-bench-hub-'));
  const dbUrl = `file:${join(dir, 'hub.db')}`;
  const h = await openMigratedDatabase({ url: dbUrl });
  const convener = await createOrg(h.db, { slug: 'wwf', name: 'WWF', kind: 'convener' });
  const user = await createUser(h.db, { email: 'bench@example.org', name: 'Bench' });
  await addMember(h.db, convener.id, user.id, 'editor');
  const pat = (await createPat(h.db, { userId: user.id, name: 'bench', createdBy: 'bench' })).token;
  const rooms: string[] = [];
  for (let i = 0; i < PLANS; i++) {
    const company = await createOrg(h.db, { slug: `company-${i}`, name: `Company ${i}`, kind: 'company' });
    rooms.push(
      (await createPlan(h.db, { orgId: company.id, period: '2027', title: `Plan ${i}`, createdBy: user.id }))
        .id,
    );
  }
  h.close();
  const { proc, out } = await spawnServer(
    ['--import', 'tsx', 'apps/hub/src/main.ts'],
    {
      PORT: '0',
      LOG_LEVEL: 'error',
      DATABASE_URL: dbUrl,
      HUB_KEY_ENCRYPTION_KEY: formatKeyEncryptionKey(generateKeyEncryptionKey()),
      ACCESS_TOKEN_TTL: '3600',
    },
    /listening on http/,
  );
  const http = /listening on (http:\/\/\S+)/.exec(out)![1]!;
  const url = http.replace('http://', 'ws://');
  const res = await fetch(`${http}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token: pat,
      subject_token_type: 'urn:ewto:params:oauth:token-type:personal-access-token',
    }),
  });
  const token = ((await res.json()) as { access_token: string }).access_token;
  return {
    name: 'EWTO hub (libsql file, durable before broadcast)',
    url: `${url}/collab`,
    proc,
    rooms,
    token,
    needsSkeleton: false,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The node process behind `taskset` (taskset execs, so it is the same pid). */
const procPid = (p: ChildProcess) => p.pid!;

const MARK = Buffer.from('~b');

class BenchClient {
  readonly doc = new Y.Doc();
  ws!: WebSocket;
  synced = false;
  /** While true, incoming updates are applied (set-up); afterwards only scanned for markers. */
  applying = true;
  onMark: (seq: number) => void = () => {};
  activity?: Y.Map<unknown>;

  constructor(
    readonly url: string,
    readonly index: number,
  ) {}

  open(): Promise<void> {
    this.ws = new WebSocket(this.url);
    this.ws.binaryType = 'nodebuffer';
    this.doc.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin === this) return;
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 0);
      syncProtocol.writeUpdate(e, u);
      this.ws.send(encoding.toUint8Array(e));
    });
    this.ws.on('message', (data: Buffer) => this.#message(data));
    return new Promise((res, rej) => {
      this.ws.on('open', () => {
        const e = encoding.createEncoder();
        encoding.writeVarUint(e, 0);
        syncProtocol.writeSyncStep1(e, this.doc);
        this.ws.send(encoding.toUint8Array(e));
        res();
      });
      this.ws.on('error', rej);
    });
  }

  #message(data: Buffer) {
    if (!this.applying) {
      let at = data.indexOf(MARK);
      while (at >= 0) {
        let n = 0;
        let i = at + 2;
        while (i < data.length && data[i]! >= 48 && data[i]! <= 57) n = n * 10 + data[i++]! - 48;
        if (data[i] === 126) this.onMark(n);
        at = data.indexOf(MARK, i);
      }
      return;
    }
    const d = decoding.createDecoder(data);
    if (decoding.readVarUint(d) !== 0) return;
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    const type = syncProtocol.readSyncMessage(d, e, this.doc, this);
    if (type === syncProtocol.messageYjsSyncStep2) this.synced = true;
    if (encoding.length(e) > 1) this.ws.send(encoding.toUint8Array(e));
  }
}

const percentile = (xs: number[], p: number) => {
  if (!xs.length) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

async function until(cond: () => boolean, ms: number, what: string) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

interface Row {
  server: string;
  rate: number;
  p50: number;
  p99: number;
  delivered: number;
  expected: number;
  cpu: number;
  perPlanMiB: number;
  afterMiB: number;
  baseMiB: number;
}

async function run(server: Server, rate: number): Promise<Row> {
  const pid = procPid(server.proc);
  await sleep(500);
  const baseMiB = rssMiB(pid);
  const clients: BenchClient[] = [];
  const q = server.token ? `?token=${server.token}` : '';
  if (server.needsSkeleton)
    for (const [i, room] of server.rooms.entries()) {
      const c = new BenchClient(`${server.url}/${room}${q}`, -1);
      await c.open();
      await until(() => c.synced, 10_000, 'skeleton client sync');
      createSkeleton(c.doc, { title: `Plan ${i}`, company: `company-${i}`, period: '2027' });
      await sleep(5);
      c.ws.close();
    }
  for (let i = 0; i < CONNECTIONS; i++) {
    const c = new BenchClient(`${server.url}/${server.rooms[i % server.rooms.length]}${q}`, i);
    clients.push(c);
    await c.open();
    if (i % 50 === 49) await sleep(20);
  }
  await until(
    () => clients.every((c) => c.synced && categoryArray(c.doc, 'policy')),
    60_000,
    'sync of every client',
  );
  for (const c of clients) {
    c.doc.transact(() => {
      const a = new Y.Map<unknown>();
      categoryArray(c.doc, 'staffTraining')!.push([a]);
      a.set('id', `bench-${c.index}`);
      a.set('title', 'start');
      c.activity = a;
    });
    if (c.index % 50 === 49) await sleep(10);
  }
  await sleep(3000);
  const loadedMiB = rssMiB(pid);
  for (const c of clients) c.applying = false;
  const sent = new Map<number, number>();
  /** Who sent each update: the reference servers echo an update to its sender too; that is no fan-out. */
  const sender = new Map<number, number>();
  const latencies: number[] = [];
  let delivered = 0;
  for (const c of clients)
    c.onMark = (seq) => {
      const t = sent.get(seq);
      if (t === undefined || sender.get(seq) === c.index) return;
      delivered++;
      latencies.push(performance.now() - t);
    };
  const perPlan = CONNECTIONS / server.rooms.length;
  let seq = 0;
  const cpu0 = procStat(pid);
  const t0 = performance.now();
  const tickMs = 10;
  const perTick = (rate * tickMs) / 1000;
  let owed = 0;
  await new Promise<void>((done) => {
    const timer = setInterval(() => {
      const elapsed = performance.now() - t0;
      if (elapsed >= SECONDS * 1000) {
        clearInterval(timer);
        done();
        return;
      }
      owed += perTick;
      // Catch up to the schedule (timers drift under load).
      const due = Math.floor((elapsed / 1000) * rate) - seq;
      const n = Math.max(Math.floor(owed), due);
      owed -= Math.floor(owed);
      for (let k = 0; k < n; k++) {
        const c = clients[Math.floor(Math.random() * clients.length)]!;
        const s = ++seq;
        sent.set(s, performance.now());
        sender.set(s, c.index);
        c.activity!.set('title', `~b${s}~`);
      }
    }, tickMs);
  });
  await sleep(2000);
  const cpu = ((procStat(pid) - cpu0) / ((performance.now() - t0) / 1000)) * 100;
  for (const c of clients) c.ws.close();
  await sleep(5000);
  const afterMiB = rssMiB(pid);
  return {
    server: server.name,
    rate,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    delivered,
    expected: seq * (perPlan - 1),
    cpu,
    perPlanMiB: (loadedMiB - baseMiB) / server.rooms.length,
    afterMiB,
    baseMiB,
  };
}

const rows: Row[] = [];
let port = 23400;
for (const rate of RATES) {
  for (const make of [
    () => referenceServer(false, port++),
    () => referenceServer(true, port++),
    () => hubServer(),
  ]) {
    const server = await make();
    try {
      rows.push(await run(server, rate));
      const r = rows.at(-1)!;
      console.error(`${r.server} @ ${rate}/s: p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`);
    } finally {
      server.proc.kill('SIGKILL');
      await sleep(300);
      server.cleanup();
    }
  }
}

const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '–');
console.log(
  `\nCollaboration benchmark: ${CONNECTIONS} connections over ${PLANS} plans, ${SECONDS} s per rate (server: CPU 0, load generator: CPU 1)\n`,
);
console.log(
  '| server | updates/s | p50 ms | p99 ms | p99 vs memory ref | delivered / expected | server CPU % | MiB per loaded plan | RSS after clients left (MiB, start) |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const ref = rows.find((x) => x.rate === r.rate && x.server.includes('memory'))!;
  console.log(
    `| ${r.server} | ${r.rate} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.p99 / ref.p99, 2)}× | ${r.delivered} / ${r.expected} | ${fmt(r.cpu, 0)} | ${fmt(r.perPlanMiB, 3)} | ${fmt(r.afterMiB, 0)} (${fmt(r.baseMiB, 0)}) |`,
  );
}
process.exit(0);
