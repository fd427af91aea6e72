/**
 * Verifies the audit log in the browser, as `ewto audit verify` does: checkpoint signatures against
 * the hub's published keys (and its signed key-status list), then either the whole log recomputed
 * (conveners' admins, who read every entry) or each shown entry's inclusion proof (an
 * organisation's admin).
 */
import {
  type AuditCheckpoint,
  type AuditEntry,
  CHECKPOINT_JWS_TYPE,
  canonicalJson,
  verifyAuditLog,
  verifyEntryInclusion,
} from '@ewto/audit';
import { compactVerify, createLocalJWKSet, decodeJwt, type JSONWebKeySet } from 'jose';
import { api } from '../../api.ts';

interface Served {
  checkpoint: AuditCheckpoint;
  jws: string;
}
export interface Item {
  seq: number;
  entry: AuditEntry;
  leafHash: string;
}
export interface Verification {
  ok: boolean;
  /** What was checked, in a sentence. */
  summary: string;
  problems: string[];
}

async function allPages<T>(path: string): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page: { items: T[]; nextCursor: string | null } = await api(
      `${path}${sep}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && out.length < 50_000);
  return out;
}

export async function verifyAudit(org: string | null): Promise<Verification> {
  const problems: string[] = [];
  const jwks = await api<JSONWebKeySet>('/.well-known/jwks.json');
  const keys = createLocalJWKSet(jwks);
  const statusRes = await fetch('/api/v1/keys/status', { credentials: 'same-origin' });
  const status = await statusRes.text();
  let compromised = new Set<string>();
  try {
    await compactVerify(status, keys, { algorithms: ['EdDSA'] });
    const claims = decodeJwt(status) as { keys?: Array<{ kid: string; status: string }> };
    compromised = new Set((claims.keys ?? []).filter((k) => k.status === 'compromised').map((k) => k.kid));
  } catch (e) {
    problems.push(`the hub's key-status list does not verify: ${(e as Error).message}`);
  }
  const latest = await api<Served>('/api/v1/audit/checkpoint');
  const served = await allPages<Served>('/api/v1/audit/checkpoints');
  if (!served.some((s) => s.checkpoint.treeSize === latest.checkpoint.treeSize)) served.push(latest);
  for (const s of served) {
    try {
      const { payload, protectedHeader } = await compactVerify(s.jws, keys, { algorithms: ['EdDSA'] });
      if (protectedHeader.typ !== CHECKPOINT_JWS_TYPE) throw new Error(`typ is ${protectedHeader.typ}`);
      if (protectedHeader.kid && compromised.has(protectedHeader.kid))
        throw new Error(`signed by compromised key ${protectedHeader.kid}`);
      if (new TextDecoder().decode(payload) !== canonicalJson(s.checkpoint))
        throw new Error('the signed payload is not this checkpoint');
    } catch (e) {
      problems.push(`checkpoint of size ${s.checkpoint.treeSize}: ${(e as Error).message}`);
    }
  }
  if (org) {
    const items = await allPages<Item>(`/api/v1/audit/entries?org=${encodeURIComponent(org)}`);
    let checked = 0;
    for (const item of items) {
      if (item.seq >= latest.checkpoint.treeSize) continue;
      const proof = await api<never>(
        `/api/v1/audit/proofs/inclusion?seq=${item.seq}&treeSize=${latest.checkpoint.treeSize}`,
      );
      const check = verifyEntryInclusion({ entry: item.entry, proof, checkpoint: latest.checkpoint });
      if (!check.ok) problems.push(check.message);
      checked++;
    }
    return {
      ok: problems.length === 0,
      summary: `${checked} entries about this organisation proved included in the signed checkpoint of ${latest.checkpoint.treeSize} entries (${served.length} checkpoint signatures checked).`,
      problems,
    };
  }
  const items = await allPages<Item>('/api/v1/audit/entries');
  const report = verifyAuditLog({
    entries: items.map((i) => i.entry),
    storedLeafHashes: items.map((i) => i.leafHash),
    checkpoints: served.map((s) => s.checkpoint),
    origin: latest.checkpoint.origin,
  });
  for (const p of report.problems)
    problems.push(`${p.kind}${p.seq !== undefined ? ` (seq ${p.seq})` : ''}: ${p.message}`);
  return {
    ok: report.ok && problems.length === 0,
    summary: `${report.treeSize} entries recomputed; ${report.checkpointsChecked} signed checkpoints match (root ${report.rootHash.slice(0, 16)}…).`,
    problems,
  };
}
