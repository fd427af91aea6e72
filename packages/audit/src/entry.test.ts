import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type AuditEntry, entryLeafData, entryLeafHash, parseEntry, sealEntry } from './entry.ts';
import { AuditError } from './errors.ts';
import { toHex } from './hex.ts';
import { pseudonymise } from './pseudonymise.ts';

const salt = 'a-salt-of-sixteen-bytes-or-more';
const entry: AuditEntry = {
  seq: 41,
  time: '2027-03-01T09:30:00Z',
  action: 'auth.failed',
  outcome: 'failure',
  actor: { kind: 'anonymous', subjectHash: pseudonymise('ana@example.org', salt) },
  org: '0192f3c4-5b6a-7c8d-9e0f-1a2b3c4d5e6f',
  requestId: 'req-1',
  details: { reason: 'unknown token', attempts: 3, hint: { lang: 'fr', text: 'clé expirée' } },
};

describe('audit entries', () => {
  it('leaf data is the UTF-8 of the canonical JSON, independent of key order', () => {
    const text = new TextDecoder().decode(entryLeafData(entry));
    expect(text.startsWith('{"action":"auth.failed","actor":{"kind":"anonymous","subjectHash":"')).toBe(true);
    expect(text).toContain('"details":{"attempts":3,"hint":{"lang":"fr","text":"clé expirée"},"reason"');
    const shuffled = Object.fromEntries(Object.entries(entry).reverse()) as AuditEntry;
    expect(toHex(entryLeafHash(shuffled))).toBe(toHex(entryLeafHash(entry)));
  });

  it('the leaf hash is SHA-256 of 0x00 then the canonical text', () => {
    const text = new TextDecoder().decode(entryLeafData(entry));
    const expected = createHash('sha256')
      .update(Buffer.from([0]))
      .update(text, 'utf8')
      .digest('hex');
    expect(toHex(entryLeafHash(entry))).toBe(expected);
  });

  it('any change to the content changes the leaf hash', () => {
    const h = toHex(entryLeafHash(entry));
    expect(toHex(entryLeafHash({ ...entry, seq: 42 }))).not.toBe(h);
    expect(toHex(entryLeafHash({ ...entry, details: { ...entry.details, attempts: 4 } }))).not.toBe(h);
    expect(toHex(entryLeafHash({ ...entry, actor: { kind: 'anonymous' } }))).not.toBe(h);
  });

  it('sealEntry gives the text to store and its hex leaf hash, dropping undefined members', () => {
    const sealed = sealEntry({ ...entry, resource: undefined });
    expect(sealed.text).not.toContain('resource');
    expect(sealed.entry).toEqual(JSON.parse(sealed.text));
    expect(sealed.leafHash).toBe(toHex(entryLeafHash(entry)));
  });

  it('refuses entries that break the schema, naming the field', () => {
    expect(() => parseEntry({ ...entry, action: 'plan.deleted' })).toThrow(
      /\/action: "action" must be one of/,
    );
    expect(() => parseEntry({ ...entry, email: 'ana@example.org' })).toThrow(/unknown key "email"/);
    expect(() => parseEntry({ ...entry, actor: { kind: 'user', ipHash: '203.0.113.9' } })).toThrow(
      AuditError,
    );
    expect(() => sealEntry({ ...entry, time: '2027-03-01T09:30:00+02:00' })).toThrow(/\/time/);
    expect(() => sealEntry({ ...entry, details: { ratio: Number.NaN } })).toThrow(
      expect.objectContaining({ code: 'invalid-entry' }),
    );
  });
});
