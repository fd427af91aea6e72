/**
 * The hub's Ed25519 signing keys: persisted in the database (so they survive restarts and are shared
 * by every hub process), `kid` = RFC 7638 thumbprint, rotated on demand. A retired key stays
 * published to verify what it signed; a compromised key is named in the signed key-status list
 * and rejected from then on. Private halves are stored sealed under the key-encryption key
 * (envelope.ts), which every hub process sharing the database is given and the database never holds.
 */
import type { Database } from '@ewto/db';
import { hubKeys } from '@ewto/db/schema';
import { and, asc, eq } from 'drizzle-orm';
import {
  CompactSign,
  type CryptoKey,
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  SignJWT,
} from 'jose';
import { envelopeKekId, isSealed, type KeyEncryptionKey, openEnvelope, sealEnvelope } from './envelope.ts';
import { IdentityError } from './errors.ts';
import { nowIso } from './ids.ts';

export type HubKeyRow = typeof hubKeys.$inferSelect;
export type KeyStatus = HubKeyRow['status'];

export interface PublishedJwk extends JWK {
  kid: string;
  use: 'sig';
  alg: 'EdDSA';
  /** `active` signs now; `retired` only verifies what it signed earlier. */
  status: 'active' | 'retired';
}

/** How long a reload of the keys from the database is skipped after the last one (ms). */
const RELOAD_INTERVAL = 2000;

export class HubKeyStore {
  #rows: HubKeyRow[] = [];
  #imported = new Map<string, CryptoKey>();
  #loadedAt = 0;
  readonly #kek: KeyEncryptionKey;

  constructor(
    private readonly db: Database,
    { kek }: { kek: KeyEncryptionKey },
  ) {
    this.#kek = kek;
  }

  /**
   * Loads the keys, sealing any private key still stored in clear, and creates the first key when
   * there is none. Fails when a key was sealed under another key-encryption key.
   */
  async init(): Promise<void> {
    await this.reload();
    await this.#sealClearRows();
    for (const row of this.#rows) {
      const id = envelopeKekId(row.sealedPrivateKey);
      if (id !== this.#kek.id)
        throw new IdentityError(
          'key-encryption',
          `hub key ${row.kid} is encrypted under key-encryption key ${id}, but the configured key is ${this.#kek.id}: give the hub the key it was encrypted with (HUB_KEY_ENCRYPTION_KEY or HUB_KEY_ENCRYPTION_KEY_FILE)`,
        );
    }
    const active = this.#rows.findLast((r) => r.status === 'active');
    if (active) await this.#key(active, 'private');
    else {
      await this.#insertNewKey();
      await this.reload();
    }
  }

  /** Rows written in clear (before encryption at rest) are sealed in place. */
  async #sealClearRows(): Promise<void> {
    const clear = this.#rows.filter((r) => !isSealed(r.sealedPrivateKey));
    for (const row of clear) {
      const sealed = await sealEnvelope(this.#kek, row.sealedPrivateKey, context(row.kid));
      // Only if still in clear: another process may be sealing the same row.
      await this.db
        .update(hubKeys)
        .set({ sealedPrivateKey: sealed })
        .where(and(eq(hubKeys.kid, row.kid), eq(hubKeys.sealedPrivateKey, row.sealedPrivateKey)));
    }
    if (clear.length) await this.reload();
  }

  /** Re-reads the keys (`db`: a transaction the caller has open, if any). */
  async reload(db: Database = this.db): Promise<void> {
    this.#rows = await db.select().from(hubKeys).orderBy(asc(hubKeys.createdAt));
    this.#loadedAt = Date.now();
  }

  async #insertNewKey(db: Database = this.db): Promise<HubKeyRow> {
    const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const publicJwk = await exportJWK(publicKey);
    const privateJwk = await exportJWK(privateKey);
    const kid = await calculateJwkThumbprint(publicJwk, 'sha256');
    const row: HubKeyRow = {
      kid,
      status: 'active',
      publicJwk: publicJwk as Record<string, string>,
      sealedPrivateKey: await sealEnvelope(this.#kek, JSON.stringify(privateJwk), context(kid)),
      createdAt: new Date().toISOString(),
      retiredAt: null,
      compromisedAt: null,
    };
    await db.insert(hubKeys).values(row);
    return row;
  }

  /**
   * Makes a new active key; the previous active key is retired (still published, still verifies).
   * `db`: the transaction that also records `key.rotated` (AuditLog.transaction).
   */
  async rotate(db: Database = this.db): Promise<{ newKid: string; retiredKids: string[] }> {
    await this.reload(db);
    const retired = this.#rows.filter((r) => r.status === 'active').map((r) => r.kid);
    const row = await this.#insertNewKey(db);
    for (const kid of retired)
      await db.update(hubKeys).set({ status: 'retired', retiredAt: nowIso() }).where(eq(hubKeys.kid, kid));
    await this.reload(db);
    return { newKid: row.kid, retiredKids: retired };
  }

  /**
   * Marks a key compromised: it is rejected from now on and named in the key-status list.
   * `db`: the transaction that also records `key.compromised` (AuditLog.transaction).
   */
  async markCompromised(kid: string, db: Database = this.db): Promise<void> {
    await this.reload(db);
    const row = this.#rows.find((r) => r.kid === kid);
    if (!row) throw new IdentityError('not-found', `no hub key ${kid}`);
    if (row.status === 'active') await this.rotate(db);
    await db
      .update(hubKeys)
      .set({ status: 'compromised', compromisedAt: nowIso() })
      .where(eq(hubKeys.kid, kid));
    this.#imported.delete(kid);
    await this.reload(db);
  }

  async #key(row: HubKeyRow, which: 'public' | 'private'): Promise<CryptoKey> {
    const id = `${row.kid}:${which}`;
    let key = this.#imported.get(id);
    if (!key) {
      const jwk =
        which === 'public'
          ? row.publicJwk
          : JSON.parse(
              new TextDecoder().decode(await openEnvelope(this.#kek, row.sealedPrivateKey, context(row.kid))),
            );
      key = (await importJWK(jwk, 'EdDSA')) as CryptoKey;
      this.#imported.set(id, key);
    }
    return key;
  }

  /** Re-reads the keys when the last read is older than RELOAD_INTERVAL (another process may have rotated or marked one compromised). */
  async #fresh(): Promise<void> {
    if (Date.now() - this.#loadedAt > RELOAD_INTERVAL) await this.reload();
  }

  async #activeRow(): Promise<HubKeyRow> {
    await this.#fresh();
    const row = this.#rows.findLast((r) => r.status === 'active');
    if (!row) throw new IdentityError('not-found', 'the hub has no active signing key');
    return row;
  }

  /**
   * The public key for a `kid` taken from a token the hub signed, or undefined when it is unknown
   * or compromised. Key statuses are re-read at most every RELOAD_INTERVAL, so a rotation or a
   * compromise marked by another process (e.g. `ewto admin keys compromised`) applies within it.
   */
  async verificationKey(kid: string): Promise<CryptoKey | undefined> {
    await this.#fresh();
    const row = this.#rows.find((r) => r.kid === kid);
    if (!row || row.status === 'compromised') return undefined;
    return this.#key(row, 'public');
  }

  /** The JWKS: active and retired public keys (never compromised ones). */
  jwks(): { keys: PublishedJwk[] } {
    return {
      keys: this.#rows
        .filter((r) => r.status !== 'compromised')
        .map((r) => ({
          ...(r.publicJwk as JWK),
          kid: r.kid,
          use: 'sig' as const,
          alg: 'EdDSA' as const,
          status: r.status as 'active' | 'retired',
        })),
    };
  }

  keys(): readonly HubKeyRow[] {
    return this.#rows;
  }

  /**
   * The active key for signing in bulk (intelligence packages): its kid and private key. Callers
   * sign with it at once and never keep it: the next call may name a newer key.
   */
  async activeSigner(): Promise<{ kid: string; key: CryptoKey }> {
    const row = await this.#activeRow();
    return { kid: row.kid, key: await this.#key(row, 'private') };
  }

  /** Signs a JWT with the active key. */
  async signJwt(payload: JWTPayload, typ: string): Promise<string> {
    const row = await this.#activeRow();
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'EdDSA', typ, kid: row.kid })
      .sign(await this.#key(row, 'private'));
  }

  /** Signs arbitrary bytes as a compact JWS with the active key. */
  async signBytes(payload: Uint8Array, typ: string, cty?: string): Promise<string> {
    const row = await this.#activeRow();
    return new CompactSign(payload)
      .setProtectedHeader({ alg: 'EdDSA', typ, kid: row.kid, ...(cty ? { cty } : {}) })
      .sign(await this.#key(row, 'private'));
  }

  /** The signed key-status list: every key the hub ever had, with its status and dates. */
  async keyStatusList(issuer: string): Promise<string> {
    await this.reload();
    return this.signJwt(
      {
        iss: issuer,
        iat: Math.floor(Date.now() / 1000),
        keys: this.#rows.map((r) => ({
          kid: r.kid,
          status: r.status,
          createdAt: r.createdAt,
          ...(r.retiredAt ? { retiredAt: r.retiredAt } : {}),
          ...(r.compromisedAt ? { compromisedAt: r.compromisedAt } : {}),
        })),
      },
      'ewto-key-status+jwt',
    );
  }
}

/** Where a hub key's private half lives, bound into its envelope. */
const context = (kid: string) => `hub-key:${kid}`;

/**
 * Re-encrypts every hub private key from one key-encryption key to another (a row still in clear is
 * sealed too). Run it inside a transaction (`db` = the transaction, e.g. of AuditLog.transaction)
 * so that every row changes or none. Returns how many rows were rewritten. Hubs must then be
 * restarted with the new key.
 * @example await audit.transaction((tx, record) => rewrapHubKeys(tx, oldKek, newKek))
 */
export async function rewrapHubKeys(
  db: Database,
  from: KeyEncryptionKey,
  to: KeyEncryptionKey,
): Promise<number> {
  const rows = await db.select().from(hubKeys);
  for (const row of rows) {
    const plain = isSealed(row.sealedPrivateKey)
      ? await openEnvelope(from, row.sealedPrivateKey, context(row.kid))
      : row.sealedPrivateKey;
    await db
      .update(hubKeys)
      .set({ sealedPrivateKey: await sealEnvelope(to, plain, context(row.kid)) })
      .where(eq(hubKeys.kid, row.kid));
  }
  return rows.length;
}
