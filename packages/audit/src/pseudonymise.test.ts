import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AuditError } from './errors.ts';
import { pseudonymise } from './pseudonymise.ts';

const salt = 'hub-secret-salt-0123456789';

describe('pseudonymise', () => {
  it('is the hex SHA-256 of salt then value', () => {
    const expected = createHash('sha256').update(`${salt}ana@example.org`).digest('hex');
    expect(pseudonymise('ana@example.org', salt)).toBe(expected);
    const bytes = new Uint8Array(32).fill(7);
    expect(pseudonymise('203.0.113.9', bytes)).toBe(
      createHash('sha256').update(bytes).update('203.0.113.9').digest('hex'),
    );
  });
  it('never contains the value, and differs per salt and per value', () => {
    const p = pseudonymise('ana@example.org', salt);
    expect(p).toMatch(/^[0-9a-f]{64}$/);
    expect(p).not.toBe(pseudonymise('ana@example.org', `${salt}!`));
    expect(p).not.toBe(pseudonymise('ana@example.com', salt));
  });
  it('refuses a salt too short to protect anything', () => {
    expect(() => pseudonymise('ana@example.org', 'short')).toThrow(AuditError);
    expect(() => pseudonymise('x', new Uint8Array(0))).toThrow(/at least 16 bytes, got 0/);
  });
});
