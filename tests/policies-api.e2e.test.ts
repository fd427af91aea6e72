import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './support/paths.ts';
import { createWorld, type World } from './support/world.ts';

let w: World;
beforeAll(async () => {
  w = await createWorld();
}, 30_000);
afterAll(async () => {
  await w?.close();
});

const example = (name: string) => readFileSync(join(repoRoot, 'policies/companies/examples', name), 'utf8');
const post = (body: string, type = 'application/yaml', query = '') =>
  fetch(`${w.hub.url}/api/v1/orgs/${w.orgs.company.slug}/policies${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${w.tokens['company-editor']}`, 'content-type': type },
    body,
  });

describe('policy submissions over HTTP', () => {
  it('stores a YAML policy and answers its alignment report, against latest or a named edition', async () => {
    const res = await post(example('tessellate-market.yaml'));
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toMatch(/\/api\/v1\/orgs\/[0-9a-f-]+\/policies\/[0-9a-f-]+$/);
    const report = (await res.json()) as {
      framework: { version: string };
      summary: { score: number };
      provisions: Array<{ id: string; level: string; verdict: string }>;
    };
    expect(report.framework.version).toBe('2020');
    expect(report.summary.score).toBeGreaterThanOrEqual(0);
    expect(report.summary.score).toBeLessThanOrEqual(100);
    expect(report.provisions[0]).toMatchObject({
      id: expect.any(String),
      level: expect.stringMatching(/must|should/),
      verdict: expect.any(String),
    });
    const older = await post(example('tessellate-market.yaml'), 'application/yaml', '?framework=2016');
    expect(((await older.json()) as { framework: { version: string } }).framework.version).toBe('2016');
  });

  it('accepts the same policy as JSON', async () => {
    const { parse } = await import('yaml');
    const res = await post(JSON.stringify(parse(example('larkspur-social.yaml'))), 'application/json');
    expect(res.status).toBe(201);
  });

  it('answers a broken document with 422 and located errors, storing nothing', async () => {
    const before = (
      (await (
        await fetch(`${w.hub.url}/api/v1/orgs/${w.orgs.company.id}/policies`, {
          headers: { authorization: `Bearer ${w.tokens['company-viewer']}` },
        })
      ).json()) as { items: unknown[] }
    ).items.length;
    const broken = example('tessellate-market.yaml').replace(/^rules:/m, 'rules:\n  - id: [unclosed');
    const res = await post(broken);
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { errors: Array<{ line: number; col: number; message: string }> };
    expect(problem.errors[0]).toMatchObject({ line: expect.any(Number), col: expect.any(Number) });
    const unknownKey = await post(
      example('tessellate-market.yaml').replace(/^company:/m, 'compnay: x\ncompany:'),
    );
    expect(unknownKey.status).toBe(422);
    expect(JSON.stringify(await unknownKey.json())).toContain('compnay');
    const after = (
      (await (
        await fetch(`${w.hub.url}/api/v1/orgs/${w.orgs.company.id}/policies`, {
          headers: { authorization: `Bearer ${w.tokens['company-viewer']}` },
        })
      ).json()) as { items: unknown[] }
    ).items.length;
    expect(after).toBe(before);
  });

  it('keeps the history of submissions with the score over time, newest first', async () => {
    const res = await fetch(`${w.hub.url}/api/v1/orgs/${w.orgs.company.id}/policies`, {
      headers: { authorization: `Bearer ${w.tokens['convener-viewer']}` },
    });
    const page = (await res.json()) as {
      items: Array<{ id: string; score: number; frameworkVersion: string; submittedAt: string }>;
    };
    expect(page.items.length).toBe(3);
    expect(page.items.map((i) => i.frameworkVersion)).toEqual(['2020', '2016', '2020']);
    const one = await fetch(`${w.hub.url}/api/v1/orgs/${w.orgs.company.id}/policies/${page.items[2]!.id}`, {
      headers: { authorization: `Bearer ${w.tokens['company-viewer']}` },
    });
    const sub = (await one.json()) as { document: string; report: { summary: { score: number } } };
    expect(sub.document).toBe(example('tessellate-market.yaml'));
    // One score, one rounding: the list says what the report says (83.3, not 83).
    expect(sub.report.summary.score % 1).not.toBe(0);
    expect(page.items[2]!.score).toBe(sub.report.summary.score);
  });
});
