/**
 * The audit entry: one leaf of the log. Its leaf data is the UTF-8 of its RFC 8785 canonical JSON,
 * so the hub can store the text, serve the object, and anyone can recompute the same leaf hash.
 */
import type { AuditActor, AuditEntry, AuditLogItem } from '@ewto/schemas/generated/audit-entry';
import { validate } from '@ewto/schemas/validate';
import { canonicalJson, canonicalJsonBytes } from './canonical-json.ts';
import { AuditError } from './errors.ts';
import { toHex } from './hex.ts';
import { leafHash } from './merkle.ts';

export type { AuditActor, AuditEntry, AuditLogItem };

/** An entry ready to append: the entry as it will be served, its canonical text and leaf hash. */
export interface SealedEntry {
  entry: AuditEntry;
  /** RFC 8785 canonical JSON of `entry`: the text to store. */
  text: string;
  /** Lower-case hex of the RFC 6962 leaf hash of `text`. */
  leafHash: string;
}

/**
 * Checks `value` against `schemas/audit-entry.schema.json` and that it canonicalises; throws
 * `AuditError('invalid-entry')` listing every problem with its JSON Pointer.
 * @example const entry = parseEntry(JSON.parse(row.entry));
 */
export function parseEntry(value: unknown): AuditEntry {
  const issues = validate('audit-entry', value);
  if (issues.length > 0) {
    const list = issues.map((i) => `${i.pointer || '/'}: ${i.message}`).join('; ');
    throw new AuditError('invalid-entry', `invalid audit entry: ${list}`);
  }
  try {
    canonicalJson(value);
  } catch (cause) {
    throw new AuditError('invalid-entry', `invalid audit entry: ${(cause as Error).message}`, { cause });
  }
  return value as AuditEntry;
}

/**
 * The leaf data of an entry: UTF-8 of its canonical JSON. Throws `AuditError('invalid-json')` if
 * the entry holds something JSON cannot carry.
 * @example leafHash(entryLeafData(entry))
 */
export function entryLeafData(entry: AuditEntry): Uint8Array {
  return canonicalJsonBytes(entry);
}

/**
 * The RFC 6962 leaf hash of an entry (32 bytes): SHA-256(0x00 ‖ canonical JSON).
 * @example toHex(entryLeafHash(item.entry)) === item.leafHash
 */
export function entryLeafHash(entry: AuditEntry): Uint8Array {
  return leafHash(entryLeafData(entry));
}

/**
 * Validates a new entry and computes what the hub stores for it: the canonical text (the leaf
 * data) and the hex leaf hash. Members set to `undefined` are dropped. The caller assigns `seq` =
 * the current tree size, inside the transaction that appends the row.
 * @example
 * const { text, leafHash } = sealEntry({ seq: range.size, time: nowIso(), action: 'token.issued',
 *   outcome: 'success', actor: { kind: 'user', userId, orgId }, org: orgId, details: { scope } });
 */
export function sealEntry(entry: AuditEntry): SealedEntry {
  parseEntry(entry);
  const text = canonicalJson(entry);
  const bytes = new TextEncoder().encode(text);
  return { entry: JSON.parse(text) as AuditEntry, text, leafHash: toHex(leafHash(bytes)) };
}
