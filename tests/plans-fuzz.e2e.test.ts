/**
 * Concurrent-edit fuzz: clients speaking the y-protocols sync messages over websockets whose
 * messages are randomly dropped, duplicated and reordered (both directions), editing one plan at
 * once. After a final resync every client, the hub's in-memory document and a fresh load from the
 * database read the same.
 */
import { CATEGORIES, categoryArray, planMap, projectPlan } from '@ewto/plans';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { until } from './support/collab.ts';
import { createWorld, type Persona, type World } from './support/world.ts';

let w: World;
beforeAll(async () => {
  w = await createWorld();
}, 60_000);
afterAll(async () => {
  await w?.close();
});

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A channel that drops, duplicates and holds back (reorders) messages while `lossy`. */
class Channel {
  lossy = true;
  #held: Uint8Array[] = [];
  constructor(
    readonly deliver: (m: Uint8Array) => void,
    readonly random: () => number,
  ) {}
  send(m: Uint8Array) {
    if (!this.lossy) {
      this.flush();
      this.deliver(m);
      return;
    }
    const r = this.random();
    if (r < 0.1) return; // dropped
    if (r < 0.2) {
      this.#held.push(m); // delivered later, after newer messages
      return;
    }
    this.deliver(m);
    if (r < 0.3) this.deliver(m); // duplicated
    if (this.#held.length && this.random() < 0.3) this.deliver(this.#held.shift()!);
  }
  flush() {
    for (const m of this.#held.splice(0)) this.deliver(m);
  }
}

const syncMessage = (write: (e: encoding.Encoder) => void) => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  write(e);
  return encoding.toUint8Array(e);
};

/** A minimal y-protocols client whose both directions go through lossy channels. */
async function fuzzClient(planId: string, persona: Persona, random: () => number) {
  const doc = new Y.Doc();
  const ws = new WebSocket(`${w.hub.url.replace('http', 'ws')}/collab/${planId}?token=${w.tokens[persona]}`);
  ws.binaryType = 'arraybuffer';
  const up = new Channel((m) => ws.readyState === ws.OPEN && ws.send(m), random);
  const down = new Channel((m) => {
    const d = decoding.createDecoder(m);
    if (decoding.readVarUint(d) !== 0) return; // awareness, auth
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    syncProtocol.readSyncMessage(d, e, doc, 'remote');
    if (encoding.length(e) > 1) up.send(encoding.toUint8Array(e));
  }, random);
  const closes: number[] = [];
  ws.on('message', (data: ArrayBuffer) => down.send(new Uint8Array(data)));
  ws.on('close', (code, reason) => closes.push(`${code} ${reason}` as never));
  doc.on('update', (u: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') up.send(syncMessage((e) => syncProtocol.writeUpdate(e, u)));
  });
  await new Promise<void>((r, j) => {
    ws.on('open', () => r());
    ws.on('error', j);
  });
  up.send(syncMessage((e) => syncProtocol.writeSyncStep1(e, doc)));
  return {
    doc,
    closes,
    up,
    down,
    /** Lossless from now on: everything held is delivered, then both sides exchange their state. */
    resync() {
      up.lossy = down.lossy = false;
      down.flush();
      up.flush();
      up.send(syncMessage((e) => syncProtocol.writeSyncStep1(e, doc)));
      up.send(syncMessage((e) => syncProtocol.writeSyncStep2(e, doc)));
    },
    close: () => ws.close(),
  };
}

type FuzzClient = Awaited<ReturnType<typeof fuzzClient>>;

/** One random edit that keeps the layout (what a well-behaved editor does). */
function randomEdit(c: FuzzClient, random: () => number, tag: string) {
  const doc = c.doc;
  if (!categoryArray(doc, 'policy')) return; // not synced yet
  const cat = CATEGORIES[Math.floor(random() * CATEGORIES.length)]!;
  const arr = categoryArray(doc, cat)!;
  const r = random();
  doc.transact(() => {
    if (r < 0.45 || arr.length === 0) {
      const a = new Y.Map<unknown>();
      arr.insert(Math.floor(random() * (arr.length + 1)), [a]);
      a.set('id', tag);
      a.set('title', `activity ${tag}`);
      a.set('status', 'planned');
      a.set('indicators', new Y.Array());
    } else if (r < 0.7) {
      arr.get(Math.floor(random() * arr.length)).set('title', `renamed by ${tag}`);
    } else if (r < 0.8) {
      const ind = arr.get(Math.floor(random() * arr.length)).get('indicators');
      if (ind instanceof Y.Array)
        ind.push([
          new Y.Map<unknown>([
            ['name', tag],
            ['kind', 'staff-trained'],
            ['target', 10],
            ['actual', Math.floor(random() * 10)],
          ]),
        ]);
    } else if (r < 0.95) {
      arr.delete(Math.floor(random() * arr.length), 1);
    } else {
      planMap(doc).set('title', `title by ${tag}`);
    }
  });
}

describe('concurrent-edit fuzz with dropped, duplicated and reordered messages', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`seed ${seed}: every client, the hub and a fresh load converge`, async () => {
      const random = rng(seed);
      const res = await fetch(`${w.hub.url}/api/v1/orgs/${w.orgs.company.id}/plans`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${w.tokens['convener-editor']}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ period: '2027', title: `Fuzz ${seed}` }),
      });
      const planId = ((await res.json()) as { id: string }).id;
      const personas: Persona[] = ['company-editor', 'company-admin', 'convener-editor', 'convener-admin'];
      const clients = await Promise.all(personas.map((p) => fuzzClient(planId, p, random)));
      // The skeleton may have been dropped on the way: ask until each client has it.
      await until(
        () => {
          for (const c of clients)
            if (!categoryArray(c.doc, 'policy'))
              c.up.send(syncMessage((e) => syncProtocol.writeSyncStep1(e, c.doc)));
          return clients.every((c) => categoryArray(c.doc, 'policy'));
        },
        20_000,
        'skeleton at every client',
      );
      for (let step = 0; step < 120; step++) {
        const i = Math.floor(random() * clients.length);
        randomEdit(clients[i]!, random, `s${seed}-c${i}-${step}`);
        if (random() < 0.3) await new Promise((r) => setTimeout(r, Math.floor(random() * 5)));
      }
      for (const c of clients) c.resync();
      await new Promise((r) => setTimeout(r, 300));
      for (const c of clients) c.resync();
      const sv = (d: Y.Doc) => Buffer.from(Y.encodeStateVector(d)).toString('hex');
      const json = (d: Y.Doc) =>
        JSON.stringify(projectPlan(d, { id: planId, archived: false, createdAt: '' }));
      await until(
        () =>
          clients.every((c) => json(c.doc) === json(clients[0]!.doc) && sv(c.doc) === sv(clients[0]!.doc)),
        20_000,
        'convergence of the clients',
      ).catch((e) => {
        const room = [...w.hub.deps.collab.store.rooms()].find((r) => r.plan.id === planId);
        const info = clients.map(
          (c) =>
            `${sv(c.doc)} pending=${Boolean(c.doc.store.pendingStructs)} ${json(c.doc).length} closes=${c.closes}`,
        );
        throw new Error(
          `${e.message}\n${info.join('\n')}\nserver ${room ? sv(room.doc) : 'no room'} pending=${Boolean(room?.doc.store.pendingStructs)} ${room ? json(room.doc).length : 0}`,
        );
      });
      expect(clients.flatMap((c) => c.closes)).toEqual([]);
      const room = [...w.hub.deps.collab.store.rooms()].find((r) => r.plan.id === planId)!;
      expect(json(room.doc)).toBe(json(clients[0]!.doc));
      await w.hub.deps.collab.log.drained();
      const { doc: fresh } = await w.hub.deps.collab.log.loadDoc(planId);
      expect(json(fresh)).toBe(json(clients[0]!.doc));
      expect(Y.encodeStateVector(fresh)).toEqual(Y.encodeStateVector(clients[0]!.doc));
      for (const c of clients) c.close();
    }, 60_000);
  }
});
