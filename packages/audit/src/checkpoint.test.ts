import { describe, expect, it } from 'vitest';
import { CHECKPOINT_JWS_TYPE, checkpointFromTree, checkpointPayload, parseCheckpoint } from './checkpoint.ts';
import { CompactRange } from './compact-range.ts';
import { AuditError } from './errors.ts';
import { toHex } from './hex.ts';
import { leafHash, rootHash } from './merkle.ts';

const leaves = Array.from({ length: 5 }, (_, i) => leafHash(Uint8Array.of(i)));
const origin = 'https://hub.ewto.invalid';

describe('checkpoints', () => {
  it('checkpointFromTree takes size and root from the tree, time in RFC 3339 UTC seconds', () => {
    const body = checkpointFromTree({
      origin,
      tree: CompactRange.fromLeafHashes(leaves),
      time: new Date('2027-01-02T03:04:05.678Z'),
    });
    expect(body).toEqual({
      origin,
      treeSize: 5,
      rootHash: toHex(rootHash(leaves)),
      time: '2027-01-02T03:04:05Z',
    });
    expect(checkpointFromTree({ origin, tree: new CompactRange() }).rootHash).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('the payload is the canonical JSON of the body and parses back to it', () => {
    const body = checkpointFromTree({ origin, tree: CompactRange.fromLeafHashes(leaves), time: new Date(0) });
    const payload = checkpointPayload({ time: body.time, rootHash: body.rootHash, treeSize: 5, origin });
    expect(new TextDecoder().decode(payload)).toBe(
      `{"origin":"${origin}","rootHash":"${body.rootHash}","time":"1970-01-01T00:00:00Z","treeSize":5}`,
    );
    expect(parseCheckpoint(payload)).toEqual(body);
    expect(parseCheckpoint(new TextDecoder().decode(payload))).toEqual(body);
    expect(CHECKPOINT_JWS_TYPE).toBe('ewto-checkpoint+jwt');
  });

  it('accepts JWT registered claims beside the body, but iss must be the origin', () => {
    const body = { origin, treeSize: 0, rootHash: '0'.repeat(64), time: '2027-01-01T00:00:00Z' };
    expect(parseCheckpoint({ ...body, iss: origin, iat: 1 })).toEqual(body);
    expect(() => parseCheckpoint({ ...body, iss: 'https://evil.invalid' })).toThrow(
      /"iss" must equal "origin"/,
    );
  });

  it('names every bad field', () => {
    const bad = { origin: 'hub', treeSize: -1, rootHash: 'AB', time: '2027-01-01 00:00', extra: true };
    try {
      parseCheckpoint(bad);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AuditError);
      expect((e as AuditError).code).toBe('invalid-checkpoint');
      for (const field of ['"origin"', '"treeSize"', '"rootHash"', '"time"', 'unknown key "extra"'])
        expect((e as Error).message).toContain(field);
    }
    expect(() => parseCheckpoint(new Uint8Array([0xff]))).toThrow(/UTF-8 JSON/);
    expect(() => parseCheckpoint('[]')).toThrow(/JSON object/);
  });
});
