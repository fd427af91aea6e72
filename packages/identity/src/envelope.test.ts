import { describe, expect, it } from 'vitest';
import {
  envelopeKekId,
  formatKeyEncryptionKey,
  generateKeyEncryptionKey,
  isSealed,
  KeyEncryptionKey,
  openEnvelope,
  parseKeyEncryptionKey,
  sealEnvelope,
} from './envelope.ts';

const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('AES-256-GCM envelopes under the key-encryption key', () => {
  it('seals and opens, with a fresh IV each time and the KEK named by its id', async () => {
    const kek = await KeyEncryptionKey.generate();
    const a = await sealEnvelope(kek, 'secret value', 'hub-key:k1');
    const b = await sealEnvelope(kek, 'secret value', 'hub-key:k1');
    expect(a).not.toBe(b);
    expect(a).not.toContain('secret');
    expect(isSealed(a)).toBe(true);
    expect(isSealed('{"d":"x"}')).toBe(false);
    expect(envelopeKekId(a)).toBe(kek.id);
    expect(kek.id).toMatch(/^[0-9a-f]{16}$/);
    expect(text(await openEnvelope(kek, a, 'hub-key:k1'))).toBe('secret value');
  });

  it('does not open under another KEK, in another context, or once changed', async () => {
    const kek = await KeyEncryptionKey.generate();
    const other = await KeyEncryptionKey.generate();
    const sealed = await sealEnvelope(kek, new Uint8Array([1, 2, 3]), 'hub-key:k1');
    await expect(openEnvelope(other, sealed, 'hub-key:k1')).rejects.toThrow(
      `encrypted under key-encryption key ${kek.id}, but the configured key is ${other.id}`,
    );
    await expect(openEnvelope(kek, sealed, 'hub-key:k2')).rejects.toThrow(/does not open/);
    const flipped = sealed.slice(0, -2) + (sealed.at(-2) === 'A' ? 'B' : 'A') + sealed.at(-1);
    await expect(openEnvelope(kek, flipped, 'hub-key:k1')).rejects.toThrow(/does not open/);
    await expect(openEnvelope(kek, '{"kty":"OKP"}', 'hub-key:k1')).rejects.toThrow(/not an encrypted value/);
  });

  it('reads the key as base64url, base64 or hex, and refuses anything else', async () => {
    const bytes = generateKeyEncryptionKey();
    const hex = Array.from(bytes, (x) => x.toString(16).padStart(2, '0')).join('');
    const b64 = btoa(String.fromCharCode(...bytes));
    expect(parseKeyEncryptionKey(`${formatKeyEncryptionKey(bytes)}\n`, 'f')).toEqual(bytes);
    expect(parseKeyEncryptionKey(b64, 'f')).toEqual(bytes);
    expect(parseKeyEncryptionKey(hex.toUpperCase(), 'f')).toEqual(bytes);
    const ids = await Promise.all([bytes, parseKeyEncryptionKey(b64, 'f')].map(KeyEncryptionKey.fromBytes));
    expect(ids[0]!.id).toBe(ids[1]!.id);
    expect(() => parseKeyEncryptionKey('hunter2', 'HUB_KEY_ENCRYPTION_KEY')).toThrow(
      /HUB_KEY_ENCRYPTION_KEY: expected a 32-byte key/,
    );
    expect(() => parseKeyEncryptionKey(btoa('x'.repeat(24)), 'f')).toThrow(/32-byte/);
  });
});
