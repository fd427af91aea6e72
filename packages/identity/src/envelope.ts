/**
 * Secrets at rest: AES-256-GCM envelopes under the hub's key-encryption key (KEK). The KEK never
 * enters the database; a backup of the database alone yields ciphertext. Each envelope names the
 * KEK it was sealed under (a short fingerprint) and is bound to its place by associated data, so
 * a sealed value copied into another row does not open.
 *
 * Envelope text: `ewto-kek1.<kek id>.<iv>.<ciphertext ‖ tag>` (iv and ciphertext base64url).
 */
import { IdentityError } from './errors.ts';
import { base64url } from './ids.ts';

const PREFIX = 'ewto-kek1';
const KEK_BYTES = 32;
const IV_BYTES = 12;
const enc = new TextEncoder();

function fromBase64url(s: string): Uint8Array {
  const b64 = s.replaceAll('-', '+').replaceAll('_', '/');
  return Uint8Array.from(atob(b64.padEnd(Math.ceil(b64.length / 4) * 4, '=')), (c) => c.charCodeAt(0));
}

const toArrayBuffer = (b: Uint8Array): ArrayBuffer =>
  b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

/** The hub's key-encryption key: an AES-256-GCM key and its public fingerprint (`id`). */
export class KeyEncryptionKey {
  private constructor(
    /** 16 hex digits of SHA-256 over the key: names the KEK in envelopes, reveals nothing of it. */
    readonly id: string,
    readonly key: CryptoKey,
  ) {}

  /** Imports 32 raw bytes (see `parseKeyEncryptionKey` for the text forms). */
  static async fromBytes(bytes: Uint8Array): Promise<KeyEncryptionKey> {
    if (bytes.length !== KEK_BYTES)
      throw new IdentityError('invalid', `a key-encryption key is ${KEK_BYTES} bytes, got ${bytes.length}`);
    const digest = new Uint8Array(
      await crypto.subtle.digest(
        'SHA-256',
        toArrayBuffer(new Uint8Array([...enc.encode('ewto-kek-id:'), ...bytes])),
      ),
    );
    const id = Array.from(digest.slice(0, 8), (x) => x.toString(16).padStart(2, '0')).join('');
    const key = await crypto.subtle.importKey('raw', toArrayBuffer(bytes), 'AES-GCM', false, [
      'encrypt',
      'decrypt',
    ]);
    return new KeyEncryptionKey(id, key);
  }

  /** A fresh random key-encryption key, imported. */
  static async generate(): Promise<KeyEncryptionKey> {
    return KeyEncryptionKey.fromBytes(generateKeyEncryptionKey());
  }
}

/** 32 random bytes for a new key-encryption key (write them with `formatKeyEncryptionKey`). */
export function generateKeyEncryptionKey(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(KEK_BYTES));
}

/** The text form of a key-encryption key: base64url of its 32 bytes, as `data/hub.kek` holds it. */
export function formatKeyEncryptionKey(bytes: Uint8Array): string {
  return base64url(bytes);
}

/**
 * Reads a key-encryption key written as 64 hex digits or as base64 / base64url of 32 bytes
 * (surrounding whitespace ignored). Throws `IdentityError('invalid')` naming `source`.
 * @example parseKeyEncryptionKey(readFileSync('data/hub.kek', 'utf8'), 'data/hub.kek')
 */
export function parseKeyEncryptionKey(text: string, source: string): Uint8Array {
  const t = text.trim();
  let bytes: Uint8Array | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(t)) bytes = Uint8Array.from(t.match(/../g)!, (h) => Number.parseInt(h, 16));
  else if (/^[A-Za-z0-9+/_-]{43}=?$/.test(t)) bytes = fromBase64url(t.replace(/=$/, ''));
  if (bytes?.length !== KEK_BYTES)
    throw new IdentityError(
      'invalid',
      `${source}: expected a 32-byte key as base64url (43 characters) or 64 hex digits, e.g. made by \`openssl rand -base64 32\``,
    );
  return bytes;
}

/** Whether a stored value is an envelope (rather than a secret from before encryption at rest). */
export function isSealed(value: string): boolean {
  return value.startsWith(`${PREFIX}.`);
}

/** The id of the KEK an envelope was sealed under, or undefined when it is not an envelope. */
export function envelopeKekId(value: string): string | undefined {
  return isSealed(value) ? value.split('.')[1] : undefined;
}

const additionalData = (kekId: string, context: string) => enc.encode(`${PREFIX}.${kekId}|${context}`);

/**
 * Encrypts `plaintext` under the KEK with a fresh 96-bit IV. `context` names where the value lives
 * (e.g. `hub-key:<kid>`); the same context is needed to open it.
 * @example const sealed = await sealEnvelope(kek, JSON.stringify(privateJwk), `hub-key:${kid}`);
 */
export async function sealEnvelope(
  kek: KeyEncryptionKey,
  plaintext: Uint8Array | string,
  context: string,
): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const data = typeof plaintext === 'string' ? enc.encode(plaintext) : plaintext;
  const ct = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: additionalData(kek.id, context) },
    kek.key,
    toArrayBuffer(data),
  );
  return `${PREFIX}.${kek.id}.${base64url(iv)}.${base64url(new Uint8Array(ct))}`;
}

/**
 * Decrypts an envelope made by `sealEnvelope` with the same KEK and context. Throws
 * `IdentityError('key-encryption')` when it was sealed under another KEK, was changed, or belongs
 * to another context.
 * @example const jwk = JSON.parse(new TextDecoder().decode(await openEnvelope(kek, sealed, `hub-key:${kid}`)));
 */
export async function openEnvelope(
  kek: KeyEncryptionKey,
  envelope: string,
  context: string,
): Promise<Uint8Array> {
  const parts = envelope.split('.');
  if (parts.length !== 4 || parts[0] !== PREFIX)
    throw new IdentityError('key-encryption', `${context}: not an encrypted value (${PREFIX} envelope)`);
  const [, kekId, iv, ct] = parts as [string, string, string, string];
  if (kekId !== kek.id)
    throw new IdentityError(
      'key-encryption',
      `${context} is encrypted under key-encryption key ${kekId}, but the configured key is ${kek.id}`,
    );
  try {
    const plain = await crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: toArrayBuffer(fromBase64url(iv)),
        additionalData: additionalData(kekId, context),
      },
      kek.key,
      toArrayBuffer(fromBase64url(ct)),
    );
    return new Uint8Array(plain);
  } catch (cause) {
    throw new IdentityError(
      'key-encryption',
      `${context}: the encrypted value does not open (changed, or moved from elsewhere)`,
      {
        cause,
      },
    );
  }
}
