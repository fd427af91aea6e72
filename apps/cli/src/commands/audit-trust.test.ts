import { CHECKPOINT_JWS_TYPE, checkpointPayload } from '@ewto/audit';
import { CompactSign, calculateJwkThumbprint, createLocalJWKSet, exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { bySize, coverageProblem, type HubKeys, judge, type Served } from './audit-trust.ts';

async function signer() {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk, 'sha256');
  const sign = async (treeSize: number, time = '2027-01-01T00:00:00Z'): Promise<Served> => {
    const checkpoint = { origin: 'http://hub.test', treeSize, rootHash: 'ab'.repeat(32), time };
    const jws = await new CompactSign(checkpointPayload(checkpoint))
      .setProtectedHeader({ alg: 'EdDSA', typ: CHECKPOINT_JWS_TYPE, kid })
      .sign(privateKey);
    return { checkpoint, jws };
  };
  return { kid, jwk: { ...jwk, kid }, sign };
}

describe('which checkpoints audit verify trusts', () => {
  it('trusts a good signature, warns about a compromised key, fails an unknown one', async () => {
    const good = await signer();
    const bad = await signer();
    const stranger = await signer();
    const keys: HubKeys = {
      jwks: createLocalJWKSet({ keys: [good.jwk] }), // a compromised key is not published
      status: new Map([
        [good.kid, { kid: good.kid, status: 'active' }],
        [bad.kid, { kid: bad.kid, status: 'compromised', compromisedAt: '2027-02-01T00:00:00Z' }],
      ]),
    };
    expect(await judge(await good.sign(5), keys)).toEqual({ trusted: true });
    expect(await judge(await bad.sign(5), keys, true)).toEqual({
      trusted: false,
      warning: `saved checkpoint of size 5 (2027-01-01T00:00:00Z) is signed by key ${bad.kid}, marked compromised at 2027-02-01T00:00:00Z: not trusted`,
    });
    const unknown = await judge(await stranger.sign(5), keys);
    expect(unknown).toMatchObject({ trusted: false, problem: expect.stringContaining('signature invalid') });
    const forged = await good.sign(5);
    forged.checkpoint = { ...forged.checkpoint, treeSize: 6 };
    expect(await judge(forged, keys)).toMatchObject({
      problem: expect.stringContaining('not this checkpoint'),
    });
  });

  it('passes only when a trusted checkpoint covers the log as far as any served one', async () => {
    const k = await signer();
    const [c3, c5, c9] = await Promise.all([k.sign(3), k.sign(5), k.sign(9)]);
    expect(coverageProblem([c3, c9], [c3, c5, c9])).toBeUndefined();
    expect(coverageProblem([c3, c5], [c3, c5, c9])).toBe(
      'no trusted checkpoint covers the log: entries 5 to 8 are vouched for only by checkpoints of compromised keys (`ewto admin keys compromised` signs one with the new key)',
    );
    expect(coverageProblem([], [c3])).toMatch(/nothing vouches for the log/);
    expect(bySize([c9, c3, c5, c9]).map((s) => s.checkpoint.treeSize)).toEqual([3, 5, 9]);
  });
});
