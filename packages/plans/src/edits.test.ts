import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { coalesceEvents, replayAttributed } from './attribution.ts';
import { addActivities, restoreFrom } from './edits.ts';
import { categoryArray, createSkeleton, planMap } from './layout.ts';
import { projectPlan } from './projection.ts';
import { captureSkeleton, checkShape } from './shape.ts';

const meta = { id: 'p', archived: false, createdAt: '2027-01-01T00:00:00Z' };

describe('restore and attribution', () => {
  it('restores a version as new edits and keeps the skeleton', () => {
    const doc = new Y.Doc();
    createSkeleton(doc, { title: 'T', company: 'c', period: '2027' });
    const skeleton = captureSkeleton(doc);
    addActivities(doc, 'policy', [{ id: 'a1', title: 'One' }]);
    const version = new Y.Doc();
    Y.applyUpdate(version, Y.encodeStateAsUpdate(doc));
    const wanted = projectPlan(version, meta);
    addActivities(doc, 'policy', [{ id: 'a2', title: 'Two' }]);
    categoryArray(doc, 'policy')!.get(0).set('title', 'One, renamed');
    planMap(doc).set('title', 'Changed');
    restoreFrom(doc, version);
    expect(projectPlan(doc, meta)).toEqual(wanted);
    expect(checkShape(doc, { company: 'c', period: '2027', skeleton })).toBeUndefined();
  });

  it('attributes additions, edits and removals to whoever sent each update', () => {
    const server = new Y.Doc();
    createSkeleton(server, { title: 'T', company: 'c', period: '2027' });
    const base = Y.encodeStateAsUpdate(server);
    const client = new Y.Doc();
    Y.applyUpdate(client, base);
    const updates: Array<{ update: Uint8Array; by: string; at: string }> = [];
    let by = 'ana';
    client.on('update', (u: Uint8Array) => updates.push({ update: u, by, at: `t${updates.length}` }));
    addActivities(client, 'policy', [{ id: 'a1', title: 'One' }]);
    by = 'ben';
    categoryArray(client, 'policy')!.get(0).set('owner', 'Trust & Safety');
    categoryArray(client, 'policy')!.get(0).set('status', 'done');
    by = 'cy';
    categoryArray(client, 'policy')!.delete(0, 1);
    const replay = new Y.Doc();
    Y.applyUpdate(replay, base);
    const events = coalesceEvents(replayAttributed(replay, updates));
    expect(events.map((e) => [e.by, e.change, e.activityId, e.fields ?? []])).toEqual([
      ['ana', 'added', 'a1', []],
      ['ben', 'edited', 'a1', ['owner', 'status']],
      ['cy', 'removed', 'a1', []],
    ]);
  });
});
