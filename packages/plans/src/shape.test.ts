import { validate } from '@ewto/schemas';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addActivities } from './edits.ts';
import { categoryArray, createSkeleton, planMap } from './layout.ts';
import { planToMarkdown, projectPlan } from './projection.ts';
import { captureSkeleton, checkShape } from './shape.ts';

const header = { title: 'Plan 2027', company: 'org-1', period: '2027' };
const expectOf = (doc: Y.Doc) => ({ company: 'org-1', period: '2027', skeleton: captureSkeleton(doc) });

function fresh() {
  const doc = new Y.Doc();
  createSkeleton(doc, header);
  return doc;
}

/** Applies an edit made on a copy (as a client would) and reports the shape problem, if any. */
function afterClientEdit(edit: (client: Y.Doc) => void): string | undefined {
  const server = fresh();
  const expectations = expectOf(server);
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const sv = Y.encodeStateVector(client);
  edit(client);
  Y.applyUpdate(server, Y.encodeStateAsUpdate(client, sv));
  return checkShape(server, expectations);
}

describe('skeleton and shape checks', () => {
  it('creates every key and all six category arrays; the projection validates', () => {
    const doc = fresh();
    expect(checkShape(doc, expectOf(doc))).toBeUndefined();
    const json = projectPlan(doc, { id: 'p1', archived: false, createdAt: '2027-01-01T00:00:00Z' });
    expect(Object.keys(json.categories).sort()).toEqual(
      [
        'automatedDetection',
        'citizenScience',
        'policy',
        'shareLearning',
        'staffTraining',
        'userEducation',
      ].sort(),
    );
    expect(validate('action-plan', json)).toEqual([]);
  });

  it('accepts a well-formed activity added by a client', () => {
    expect(
      afterClientEdit((c) =>
        addActivities(c, 'staffTraining', [{ id: 'a1', title: 'Train 200 moderators' }]),
      ),
    ).toBeUndefined();
  });

  it.each([
    [
      'a replaced categories map',
      (c: Y.Doc) => planMap(c).set('categories', new Y.Map()),
      /replaced|missing/,
    ],
    ['a deleted categories map', (c: Y.Doc) => planMap(c).delete('categories'), /categories/],
    [
      'a replaced category array',
      (c: Y.Doc) => (planMap(c).get('categories') as Y.Map<unknown>).set('policy', new Y.Array()),
      /replaced/,
    ],
    [
      'a deleted category array',
      (c: Y.Doc) => (planMap(c).get('categories') as Y.Map<unknown>).delete('policy'),
      /policy is missing/,
    ],
    ['a wrong type at title', (c: Y.Doc) => planMap(c).set('title', 42), /title must be a string/],
    ['a changed company', (c: Y.Doc) => planMap(c).set('company', 'org-2'), /company may not change/],
    [
      'an activity without an id',
      (c: Y.Doc) => categoryArray(c, 'policy')!.push([new Y.Map([['title', 'x']])]),
      /non-empty string id/,
    ],
    [
      'a non-map activity',
      (c: Y.Doc) => (categoryArray(c, 'policy') as unknown as Y.Array<unknown>).push(['text']),
      /must be a Y.Map/,
    ],
    [
      'a bad status',
      (c: Y.Doc) =>
        categoryArray(c, 'policy')!.push([
          new Y.Map<unknown>([
            ['id', 'a'],
            ['status', 'won'],
          ]),
        ]),
      /status must be one of/,
    ],
    [
      'a description that is not XML',
      (c: Y.Doc) =>
        categoryArray(c, 'policy')!.push([
          new Y.Map<unknown>([
            ['id', 'a'],
            ['description', 'text'],
          ]),
        ]),
      /XmlFragment/,
    ],
    ['content in an unknown root type', (c: Y.Doc) => c.getMap('other').set('x', 1), /unknown top-level/],
  ])('rejects %s', (_name, edit, message) => {
    expect(afterClientEdit(edit)).toMatch(message);
  });
});

describe('projection', () => {
  it('renders descriptions and the whole plan as Markdown', () => {
    const doc = fresh();
    addActivities(doc, 'policy', [
      {
        id: 'a1',
        title: 'Cover PWF-004',
        provision: 'PWF-004',
        description: 'Missing: ivory.\nSecond line.',
      },
    ]);
    const desc = categoryArray(doc, 'policy')!.get(0).get('description') as Y.XmlFragment;
    const h = new Y.XmlElement('heading');
    h.setAttribute('level', '2' as never);
    const t = new Y.XmlText();
    h.insert(0, [t]);
    desc.insert(0, [h]);
    t.insert(0, 'Why', { bold: {} });
    const list = new Y.XmlElement('bulletList');
    desc.insert(desc.length, [list]);
    const li = new Y.XmlElement('listItem');
    list.insert(0, [li]);
    const p = new Y.XmlElement('paragraph');
    li.insert(0, [p]);
    const pt = new Y.XmlText();
    p.insert(0, [pt]);
    pt.insert(0, 'see policy', { link: { href: 'https://example.org' } });
    const json = projectPlan(doc, { id: 'p', archived: false, createdAt: '2027-01-01T00:00:00Z' });
    expect(json.categories.policy[0]!.description).toBe(
      '## **Why**\n\nMissing: ivory.\n\nSecond line.\n\n- [see policy](https://example.org)',
    );
    expect(validate('action-plan', json)).toEqual([]);
    const md = planToMarkdown(json);
    expect(md).toContain('## Policy');
    expect(md).toContain('### Cover PWF-004');
    expect(md).toContain('Provision: PWF-004');
    expect(md).toContain('## Share Learning\n\n_No activities._');
  });
});
