/**
 * Trend-alert terms into detection: a convener's editor promotes the terms of a TLP:GREEN alert on
 * one hub process; another process on the same database (sqld) serves the new library version and
 * screens with it at once. Stricter alerts cannot be promoted; the changelog names the alert.
 */
import type { RunningHub } from '@ewto/hub/testing';
import { createOrg, findOrg, registerClientKey } from '@ewto/identity';
import { validate } from '@ewto/schemas';
import { exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alert } from './support/intel.ts';
import {
  jsonCaller,
  type SqldHubs,
  signInMembers,
  startSqldHubs,
  stopSqldHubs,
} from './support/sqld-hubs.ts';

const hubs: SqldHubs = {};
let a: RunningHub;
let b: RunningHub;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  ({ a, b } = await startSqldHubs(hubs));
  const db = a.deps.db;
  const wwf = await createOrg(db, { slug: 'wwf', name: 'WWF', kind: 'convener' });
  await createOrg(db, { slug: 'unit-a', name: 'Unit A', kind: 'agency' });
  const company = await createOrg(db, { slug: 'alpha-market', name: 'Alpha', kind: 'company' });
  await signInMembers(
    a,
    [
      ['editor', wwf.id, 'editor'],
      ['viewer', wwf.id, 'viewer'],
      ['company', company.id, 'editor'],
    ],
    tokens,
  );
}, 60_000);
afterAll(() => stopSqldHubs(hubs));

const call = jsonCaller(tokens);

const LISTING = {
  id: 'l1',
  title: 'Vintage white gold bangle, hand carved',
  description: 'old piece',
  tags: [],
};

describe('promoting alert terms into the keyword library', () => {
  it('serves and screens with the promoted terms in every hub process', async () => {
    const before = (await (await call(b, 'company', 'GET', '/api/v1/keywords')).json()) as {
      version: number;
    };
    const screenBefore = (await (
      await call(b, 'company', 'POST', '/api/v1/screen', { listings: [LISTING] })
    ).json()) as {
      results: Array<{ flagged: boolean; matches: Array<{ term: string }> }>;
    };
    expect(screenBefore.results[0]!.matches.map((m) => m.term)).not.toContain('white gold bangle');

    const pub = await call(a, 'editor', 'POST', '/api/v1/intel/alerts', alert({ recipients: ['unit-a'] }));
    expect(pub.status).toBe(201);
    const { id } = (await pub.json()) as { id: string };
    expect((await call(a, 'viewer', 'POST', '/api/v1/keywords/promotions', { publication: id })).status).toBe(
      403,
    );
    expect(
      (await call(a, 'company', 'POST', '/api/v1/keywords/promotions', { publication: id })).status,
    ).toBe(403);
    const res = await call(a, 'editor', 'POST', '/api/v1/keywords/promotions', { publication: id });
    expect(res.status).toBe(201);
    const out = (await res.json()) as { version: number; added: string[] };
    expect(out.version).toBe(before.version + 1);
    expect(out.added).toEqual([
      'elephant/code-word/white gold bangle',
      'elephant/hashtag/#oldbonecarving',
      'rhino/hashtag/#oldbonecarving',
    ]);

    // Hub B (another process) serves the new version, with the alert named.
    const lib = (await (await call(b, 'company', 'GET', '/api/v1/keywords')).json()) as {
      version: number;
      changelog: Array<{ version: number; summary: string }>;
      terms: Array<{ id: string; provenance: string; alert?: string }>;
    };
    expect(validate('keyword-library', lib)).toEqual([]);
    expect(lib.version).toBe(out.version);
    expect(lib.changelog.at(-1)!.summary).toContain(id);
    expect(lib.terms.find((t) => t.id === 'elephant/code-word/white gold bangle')).toMatchObject({
      provenance: 'intelligence',
      alert: id,
    });
    const changes = (await (
      await call(b, 'company', 'GET', `/api/v1/keywords/changes?since=${before.version}`)
    ).json()) as {
      added: Array<{ id: string }>;
    };
    expect(changes.added.map((t) => t.id).sort()).toEqual([...out.added].sort());
    const screen = (await (
      await call(b, 'company', 'POST', '/api/v1/screen', { listings: [LISTING] })
    ).json()) as {
      libraryVersion: number;
      results: Array<{ flagged: boolean; matches: Array<{ term: string }> }>;
    };
    expect(screen.libraryVersion).toBe(out.version);
    expect(screen.results[0]!.matches.map((m) => m.term)).toContain('white gold bangle');
    expect(screen.results[0]!.flagged).toBe(true);

    // The same alert again: nothing new.
    expect((await call(a, 'editor', 'POST', '/api/v1/keywords/promotions', { publication: id })).status).toBe(
      422,
    );
  });

  it('refuses the terms of TLP:AMBER and stricter alerts', async () => {
    const db = a.deps.db;
    const unit = (await findOrg(db, 'unit-a'))!;
    const { publicKey } = await generateKeyPair('ECDH-ES+A256KW', { crv: 'X25519', extractable: true });
    await registerClientKey(db, {
      orgId: unit.id,
      name: 'enc',
      publicJwk: await exportJWK(publicKey),
      createdBy: 't',
    });
    const res = await call(
      a,
      'editor',
      'POST',
      '/api/v1/intel/alerts',
      alert({ tlp: 'AMBER', recipients: ['unit-a'] }),
    );
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const refused = await call(a, 'editor', 'POST', '/api/v1/keywords/promotions', { publication: id });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { detail: string }).detail).toMatch(
      /TLP:AMBER alert cannot be promoted/,
    );
  });
});
