/**
 * Checkpoints (signed tree heads) of the audit log. The body names the log (`origin`, the hub's
 * URL), its size and Merkle root (lower-case hex, like every hash of the log) and when it was
 * taken. The hub signs `checkpointPayload(body)` as a compact JWS (EdDSA, `typ`
 * {@link CHECKPOINT_JWS_TYPE}) with its key; this module never signs or verifies signatures.
 */
import type { AuditCheckpoint, SignedAuditCheckpoint } from '@ewto/schemas/generated/audit-checkpoint';
import { canonicalJsonBytes } from './canonical-json.ts';
import { AuditError } from './errors.ts';
import { isHexHash, toHex } from './hex.ts';

export type { AuditCheckpoint, SignedAuditCheckpoint };

/** The JOSE `typ` header of a signed checkpoint. */
export const CHECKPOINT_JWS_TYPE = 'ewto-checkpoint+jwt';

/** JWT registered claims a signer may add beside the body; ignored, except `iss` must be the origin. */
const JWT_CLAIMS = new Set(['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti']);
const RFC3339_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** What `checkpointFromTree` needs of a tree: a `CompactRange` fits. */
export interface TreeHead {
  readonly size: number;
  root(): Uint8Array;
}

/**
 * The checkpoint body for the current state of a tree.
 * @example
 * const body = checkpointFromTree({ origin: env.HUB_URL, tree: range });
 * const jws = await new CompactSign(checkpointPayload(body))
 *   .setProtectedHeader({ alg: 'EdDSA', typ: CHECKPOINT_JWS_TYPE, kid }).sign(hubKey);
 */
export function checkpointFromTree({
  origin,
  tree,
  time = new Date(),
}: {
  origin: string;
  tree: TreeHead;
  time?: Date;
}): AuditCheckpoint {
  const body = {
    origin,
    treeSize: tree.size,
    rootHash: toHex(tree.root()),
    time: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
  return parseCheckpoint(body);
}

/**
 * The bytes to sign: UTF-8 of the RFC 8785 canonical JSON of the body (checked first). Verifiers
 * read it back with `parseCheckpoint(payloadBytes)`.
 * @example new CompactSign(checkpointPayload(body))
 */
export function checkpointPayload(checkpoint: AuditCheckpoint): Uint8Array {
  const body = parseCheckpoint(checkpoint);
  return canonicalJsonBytes(body);
}

/**
 * Reads and checks a checkpoint body: a JWS payload (bytes or text of JSON) or an object, e.g.
 * the claims `jwtVerify` returns. Throws `AuditError('invalid-checkpoint')` naming every bad field.
 * Returns only the four body fields.
 * @example const cp = parseCheckpoint((await compactVerify(jws, jwks)).payload);
 */
export function parseCheckpoint(payload: unknown): AuditCheckpoint {
  const value = decode(payload);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AuditError('invalid-checkpoint', 'a checkpoint must be a JSON object');
  }
  const v = value as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof v.origin !== 'string' || !isAbsoluteUrl(v.origin))
    problems.push('"origin" must be an absolute URL');
  if (!Number.isSafeInteger(v.treeSize) || (v.treeSize as number) < 0)
    problems.push('"treeSize" must be a non-negative integer');
  if (!isHexHash(v.rootHash)) problems.push('"rootHash" must be 64 lower-case hex digits');
  if (typeof v.time !== 'string' || !RFC3339_UTC.test(v.time) || Number.isNaN(Date.parse(v.time)))
    problems.push('"time" must be an RFC 3339 UTC timestamp');
  if (v.iss !== undefined && v.iss !== v.origin) problems.push('"iss" must equal "origin"');
  for (const key of Object.keys(v)) {
    if (!['origin', 'treeSize', 'rootHash', 'time'].includes(key) && !JWT_CLAIMS.has(key))
      problems.push(`unknown key "${key}"`);
  }
  if (problems.length > 0)
    throw new AuditError('invalid-checkpoint', `invalid checkpoint: ${problems.join('; ')}`);
  return {
    origin: v.origin as string,
    treeSize: v.treeSize as number,
    rootHash: v.rootHash as string,
    time: v.time as string,
  };
}

function decode(payload: unknown): unknown {
  if (!(payload instanceof Uint8Array) && typeof payload !== 'string') return payload;
  try {
    const text =
      typeof payload === 'string' ? payload : new TextDecoder('utf-8', { fatal: true }).decode(payload);
    return JSON.parse(text);
  } catch (cause) {
    throw new AuditError('invalid-checkpoint', 'a checkpoint payload must be UTF-8 JSON', { cause });
  }
}

function isAbsoluteUrl(s: string): boolean {
  try {
    return new URL(s).protocol.length > 1;
  } catch {
    return false;
  }
}
