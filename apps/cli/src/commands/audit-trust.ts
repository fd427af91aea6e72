/**
 * Which checkpoints `ewto audit verify` may trust: signed by a key of the hub's JWKS with a valid
 * signature over the canonical body, and not by a key the signed key-status list names compromised.
 * A checkpoint of a compromised key is not an error — the key is gone — but it vouches for nothing.
 */
import {
  type AuditCheckpoint,
  CHECKPOINT_JWS_TYPE,
  canonicalJson,
  verifyCheckpointConsistency,
} from '@ewto/audit';
import { compactVerify, createLocalJWKSet, decodeJwt, decodeProtectedHeader, type JSONWebKeySet } from 'jose';
import { CliError } from '../cli.ts';
import type { HubClient } from '../hub-client.ts';

export interface Served {
  checkpoint: AuditCheckpoint;
  jws: string;
}

interface KeyStatus {
  kid: string;
  status: string;
  compromisedAt?: string;
}

export interface HubKeys {
  jwks: ReturnType<typeof createLocalJWKSet>;
  /** Every key the hub ever had, from its signed key-status list. */
  status: Map<string, KeyStatus>;
}

/** The hub's JWKS and its signed key-status list (which must verify against the JWKS). */
export async function hubKeys(client: HubClient): Promise<HubKeys> {
  const jwks = createLocalJWKSet(await client.get<JSONWebKeySet>('/.well-known/jwks.json'));
  const list = await client.getText('/api/v1/keys/status');
  const { protectedHeader } = await compactVerify(list, jwks, { algorithms: ['EdDSA'] }).catch((e) => {
    throw new CliError('check-failed', `the hub's key-status list does not verify: ${(e as Error).message}`);
  });
  if (protectedHeader.typ !== 'ewto-key-status+jwt')
    throw new CliError('check-failed', `the key-status list has typ ${protectedHeader.typ}`);
  const claims = decodeJwt(list) as { keys?: KeyStatus[] };
  return { jwks, status: new Map((claims.keys ?? []).map((k) => [k.kid, k])) };
}

export type Verdict =
  | { trusted: true }
  | { trusted: false; warning: string }
  | { trusted: false; problem: string };

export function describe(s: Served, saved = false): string {
  return `${saved ? 'saved ' : ''}checkpoint of size ${s.checkpoint.treeSize} (${s.checkpoint.time})`;
}

/** Trusted, untrusted because its key is compromised (a warning), or a problem (a bad signature). */
export async function judge(s: Served, keys: HubKeys, saved = false): Promise<Verdict> {
  const what = describe(s, saved);
  let kid: string | undefined;
  try {
    kid = decodeProtectedHeader(s.jws).kid;
  } catch (e) {
    return { trusted: false, problem: `${what}: not a JWS: ${(e as Error).message}` };
  }
  const status = kid ? keys.status.get(kid) : undefined;
  if (status?.status === 'compromised')
    return {
      trusted: false,
      warning: `${what} is signed by key ${kid}, marked compromised${status.compromisedAt ? ` at ${status.compromisedAt}` : ''}: not trusted`,
    };
  try {
    const { payload, protectedHeader } = await compactVerify(s.jws, keys.jwks, { algorithms: ['EdDSA'] });
    if (protectedHeader.typ !== CHECKPOINT_JWS_TYPE)
      return {
        trusted: false,
        problem: `${what}: typ is ${protectedHeader.typ}, expected ${CHECKPOINT_JWS_TYPE}`,
      };
    if (new TextDecoder().decode(payload) !== canonicalJson(s.checkpoint))
      return { trusted: false, problem: `${what}: the signed payload is not this checkpoint` };
    return { trusted: true };
  } catch (e) {
    return { trusted: false, problem: `${what}: signature invalid: ${(e as Error).message}` };
  }
}

/** Sorts checkpoints by tree size and keeps one per size (the hub re-signs a size after a compromise). */
export function bySize(list: readonly Served[]): Served[] {
  const seen = new Map<number, Served>();
  for (const s of list) seen.set(s.checkpoint.treeSize, s);
  return [...seen.values()].sort((a, b) => a.checkpoint.treeSize - b.checkpoint.treeSize);
}

/**
 * Whether the trusted checkpoints cover the log as far as any served checkpoint does: entries
 * vouched for only by checkpoints of compromised keys are not verified. Undefined when they do.
 */
export function coverageProblem(trusted: readonly Served[], served: readonly Served[]): string | undefined {
  const head = trusted.reduce((m, s) => Math.max(m, s.checkpoint.treeSize), 0);
  const largest = served.reduce((m, s) => Math.max(m, s.checkpoint.treeSize), 0);
  if (!trusted.length) return 'no checkpoint signed by a trusted key: nothing vouches for the log';
  if (head < largest)
    return `no trusted checkpoint covers the log: entries ${head} to ${largest - 1} are vouched for only by checkpoints of compromised keys (\`ewto admin keys compromised\` signs one with the new key)`;
  return undefined;
}

/**
 * Proves, with the hub's consistency proofs, that each trusted checkpoint extends the one before it
 * (so none was forked or rewritten); returns the problems.
 */
export async function checkChain(client: HubClient, trusted: readonly Served[]): Promise<string[]> {
  const problems: string[] = [];
  for (let i = 1; i < trusted.length; i++) {
    const from = trusted[i - 1]!.checkpoint;
    const to = trusted[i]!.checkpoint;
    problems.push(...(await checkExtends(client, from, to)));
  }
  return problems;
}

/** The consistency proof from `from` to `to`, checked; returns the problems. */
export async function checkExtends(
  client: HubClient,
  from: AuditCheckpoint,
  to: AuditCheckpoint,
): Promise<string[]> {
  if (from.treeSize > to.treeSize)
    return [`log has ${to.treeSize} entries but the checkpoint of ${from.time} covers ${from.treeSize}`];
  let proof: { fromSize: number; toSize: number; proof: string[] };
  try {
    proof = await client.get(`/api/v1/audit/proofs/consistency?from=${from.treeSize}&to=${to.treeSize}`);
  } catch (e) {
    return [`no consistency proof from size ${from.treeSize} to ${to.treeSize}: ${(e as Error).message}`];
  }
  const check = verifyCheckpointConsistency({ from, to, proof });
  return check.ok ? [] : [check.message];
}
