/**
 * What the exchange keeps at rest is sealed: AES-256-GCM envelopes under the hub's key-encryption
 * key, bound to the row they belong to by `context` (a sealed value copied elsewhere does not open).
 */
export interface AtRest {
  seal(text: string, context: string): Promise<string>;
  open(sealed: string, context: string): Promise<string>;
}

const PLAIN = 'plain:';

/**
 * Until the hub's key-encryption key is configured (issue 8 item 10), values are stored marked
 * `plain:` so that the first start with a KEK can find and seal them.
 */
export const unsealedAtRest: AtRest = {
  seal: async (text) => `${PLAIN}${text}`,
  open: async (sealed, context) => {
    if (!sealed.startsWith(PLAIN))
      throw new Error(`${context}: sealed under a key-encryption key this hub does not have`);
    return sealed.slice(PLAIN.length);
  },
};
