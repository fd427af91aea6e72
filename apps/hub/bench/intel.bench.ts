/**
 * Intelligence exchange benchmark: publishing (sign + encrypt + seal + store with the audit entry,
 * in one transaction) for 1, 10 and 100 recipient agencies, and offline verification (decrypt +
 * verify + every RFC 8725 check), each as a ratio to raw `jose` (CompactSign + CompactEncrypt, and
 * compactDecrypt + compactVerify) measured in the same run. Prints a table; asserts nothing.
 * `pnpm --filter @ewto/hub bench` (part of `pnpm bench`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOrg, newId, registerClientKey } from '@ewto/identity';
import { importDecryptKey, importEncryptKey, preparePublication, verifyPackage } from '@ewto/intel';
import { CompactEncrypt, CompactSign, compactDecrypt, compactVerify, exportJWK, generateKeyPair } from 'jose';
import { preparePublish } from '../src/services/intel/publish.ts';
import { insertPublication } from '../src/services/intel/store.ts';
import { createTestApp } from '../src/testing.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const dir = mkdtempSync(join(tmpdir(), 'ewto-intel-bench-'));
const t = await createTestApp({
  databaseUrl: `file:${join(dir, 'hub.db')}`,
  keyEncryptionKey: crypto.getRandomValues(new Uint8Array(32)),
});
const deps = t.deps;
const db = deps.db;

/** Runs `fn` repeatedly for `seconds` after a short warm-up; answers operations per second. */
async function rate(fn: () => Promise<unknown>, seconds = SECONDS): Promise<number> {
  const warm = performance.now();
  while (performance.now() - warm < 100) await fn();
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    await fn();
    n++;
  }
  return n / ((performance.now() - start) / 1000);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * The machine may be shared: the baseline and the measured code alternate in ROUNDS short rounds,
 * and the median of the per-round ratios is reported (with the median rates).
 */
const ROUNDS = 5;
async function compare(
  baseline: () => Promise<unknown>,
  measured: () => Promise<unknown>,
  perCall: number,
): Promise<{ raw: number; rate: number; ratio: number }> {
  const raws: number[] = [];
  const rates: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const raw = (await rate(baseline, SECONDS / ROUNDS)) * perCall;
    const got = (await rate(measured, SECONDS / ROUNDS)) * perCall;
    raws.push(raw);
    rates.push(got);
    ratios.push(got / raw);
  }
  return { raw: median(raws), rate: median(rates), ratio: median(ratios) };
}

const convener = await createOrg(db, { slug: 'wwf', name: 'WWF', kind: 'convener' });
const agencies: Array<{ id: string; slug: string; decrypt: CryptoKey }> = [];
for (let i = 0; i < 100; i++) {
  const org = await createOrg(db, { slug: `unit-${i}`, name: `Unit ${i}`, kind: 'agency' });
  const { publicKey, privateKey } = await generateKeyPair('ECDH-ES+A256KW', {
    crv: 'X25519',
    extractable: true,
  });
  await registerClientKey(db, {
    orgId: org.id,
    name: 'enc',
    publicJwk: await exportJWK(publicKey),
    createdBy: 'bench',
  });
  agencies.push({ id: org.id, slug: org.slug, decrypt: await importDecryptKey(await exportJWK(privateKey)) });
}

const body = {
  title: 'New code words for ivory bangles',
  summary: 'Sellers moved to colour code words and an emoji after keyword filters caught "ivory".',
  provenance: 'illustrative',
  terms: Array.from({ length: 20 }, (_, i) => ({
    text: `code word ${i}`,
    kind: 'code-word',
    groups: ['elephant'],
    language: 'en',
    platforms: ['e-commerce'],
    firstSeen: '2026-10-12',
    context: 'Used in listings of carved bangles and figurines.',
    confidence: 'medium',
  })),
};
const expires = new Date(Date.now() + 30 * 86_400_000).toISOString();

// Raw jose: what one package costs in crypto alone (same claims size, same keys).
const signer = await deps.keys.activeSigner();
const encKey = await importEncryptKey(
  await exportJWK((await generateKeyPair('ECDH-ES+A256KW', { crv: 'X25519', extractable: true })).publicKey),
);
const claims = new TextEncoder().encode(
  JSON.stringify({ iss: deps.config.hubUrl, aud: agencies[0]!.id, jti: crypto.randomUUID(), body }),
);
const signEncrypt = async () => {
  const jws = await new CompactSign(claims)
    .setProtectedHeader({ alg: 'EdDSA', typ: 'ewto-intel+jwt', kid: signer.kid })
    .sign(signer.key);
  await new CompactEncrypt(new TextEncoder().encode(jws))
    .setProtectedHeader({ alg: 'ECDH-ES+A256KW', enc: 'A256GCM', cty: 'JWT' })
    .encrypt(encKey);
};

async function publish(recipients: number) {
  const prepared = await preparePublish({
    db,
    input: {
      kind: 'trend-alert',
      tlp: 'AMBER',
      recipients: agencies.slice(0, recipients).map((a) => a.id),
      handling: 'H1',
      grades: { source: 'B', information: 2 },
      expires,
      body,
    },
    authorOrgId: convener.id,
    createdBy: 'bench',
    issuer: deps.config.hubUrl,
    signer: await deps.keys.activeSigner(),
    atRest: deps.intelAtRest,
  });
  await deps.audit.transaction(async (tx, record) => {
    await insertPublication(tx, prepared.row, prepared.deliveries);
    record({
      action: 'intel.published',
      outcome: 'success',
      actor: { kind: 'hub' },
      orgId: convener.id,
      resource: { type: 'intel-publication', id: prepared.row.id },
      details: { packages: prepared.deliveries.length },
    });
  });
  return prepared;
}

const rows: Array<[string, number, number, string]> = [];
for (const n of [1, 10, 100]) {
  // The baseline at the same parallelism: n packages signed and encrypted at once, nothing else.
  const m = await compare(
    () => Promise.all(Array.from({ length: n }, signEncrypt)),
    () => publish(n),
    n,
  );
  rows.push([`raw jose: ${n} × (CompactSign + CompactEncrypt) at once`, m.raw, 1, 'baseline']);
  rows.push([
    `publish to ${n} agenc${n === 1 ? 'y' : 'ies'} (sign + encrypt + seal + store + audit)`,
    m.rate,
    m.ratio,
    'packages/s',
  ]);
}

// Verification, offline: one AMBER package of agency 0.
const one = await preparePublication({
  issuer: deps.config.hubUrl,
  publication: newId(),
  author: convener.id,
  kind: 'trend-alert',
  tlp: 'AMBER',
  handling: 'H1',
  grades: { source: 'B', information: 2 },
  body,
  issuedAt: Math.floor(Date.now() / 1000),
  expiresAt: Math.floor(Date.now() / 1000) + 3600,
}).build(
  {
    agencyId: agencies[0]!.id,
    packageId: newId(),
    encryptionKey: {
      kid: 'k',
      key: await importEncryptKey(
        (await (await import('@ewto/hub/services/intel/store')).agencyKeys(db, [agencies[0]!.id], 'enc')).get(
          agencies[0]!.id,
        )!.publicJwk,
      ),
    },
  },
  signer,
);
const jwks = deps.keys.jwks();
const verifyKey = await (await import('@ewto/intel')).importVerifyKey(
  jwks.keys.find((k) => k.kid === signer.kid),
);
const v = await compare(
  async () => {
    const { plaintext } = await compactDecrypt(one.token, agencies[0]!.decrypt);
    await compactVerify(new TextDecoder().decode(plaintext), verifyKey);
  },
  () =>
    verifyPackage(one.token, {
      jwks,
      issuer: deps.config.hubUrl,
      audience: agencies[0]!.id,
      decryptionKey: agencies[0]!.decrypt,
    }),
  1,
);
rows.push(['raw jose: compactDecrypt + compactVerify', v.raw, 1, 'baseline']);
rows.push([
  'offline verify (decrypt + verify + RFC 8725 checks + claims schema)',
  v.rate,
  v.ratio,
  'packages/s',
]);

console.log(
  `@ewto/hub intelligence benchmark (node ${process.version}; AMBER alert of 20 terms, file database; ${ROUNDS} alternating rounds of ${SECONDS / ROUNDS} s, medians)\n`,
);
console.log('| what | per second | ratio to raw jose (median of rounds) |');
console.log('|---|---:|---:|');
for (const [what, perSecond, ratio, unit] of rows)
  console.log(
    `| ${what} | ${Math.round(perSecond).toLocaleString('en')} ${unit === 'baseline' ? 'packages' : unit.split('/')[0]} | ${unit === 'baseline' ? '1.00 (baseline)' : ratio.toFixed(2)} |`,
  );
t.close();
rmSync(dir, { recursive: true, force: true });
