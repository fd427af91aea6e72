/**
 * What the exchange keeps at rest is sealed: AES-256-GCM envelopes under the hub's key-encryption
 * key (the same as the hub's signing keys, issue 8 item 10), bound to the row they belong to by
 * `context` — a sealed value copied into another row does not open. A database backup alone reads
 * nothing of what was published.
 */
import { type KeyEncryptionKey, openEnvelope, sealEnvelope } from '@ewto/identity';

export interface AtRest {
  seal(text: string, context: string): Promise<string>;
  open(sealed: string, context: string): Promise<string>;
}

/** Seals under the hub's key-encryption key. */
export function kekAtRest(kek: KeyEncryptionKey): AtRest {
  const decoder = new TextDecoder();
  return {
    seal: (text, context) => sealEnvelope(kek, text, context),
    open: async (sealed, context) => decoder.decode(await openEnvelope(kek, sealed, context)),
  };
}
