/**
 * Hostile documents against a started hub (issue 8 items 2, 3, 4 and the JSON wording of item 9):
 * deep nesting, alias bombs and invalid UTF-8 get 4xx problem+json with a located message, nothing
 * is stored, and /healthz keeps answering during a flood.
 */
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

const example = readFileSync(join(repoRoot, 'policies/companies/examples/tessellate-market.yaml'), 'utf8');
const policies = () => `${w.hub.url}/api/v1/orgs/${w.orgs.company.id}/policies`;
const submit = (body: string | Uint8Array<ArrayBuffer>, type = 'application/yaml') =>
  fetch(policies(), {
    method: 'POST',
    headers: { authorization: `Bearer ${w.tokens['company-editor']}`, 'content-type': type },
    body,
  });
const submissions = async () =>
  (
    (await (
      await fetch(policies(), { headers: { authorization: `Bearer ${w.tokens['company-viewer']}` } })
    ).json()) as { items: unknown[] }
  ).items.length;

interface Problem {
  status: number;
  detail: string;
  code: string;
  errors?: Array<{ line: number; col: number; message: string }>;
  offset?: number;
}
async function problem(res: Response): Promise<Problem> {
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return (await res.json()) as Problem;
}

const deepYaml = `kind: company-policy\nrules: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
const deepJson = `{"kind": "company-policy", "rules": ${'['.repeat(5000)}${']'.repeat(5000)}}`;

function billionLaughs(): string {
  const lines = [
    'kind: company-policy',
    'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
  ];
  for (let i = 1; i < 9; i++) {
    const [me, prev] = [String.fromCharCode(97 + i), String.fromCharCode(96 + i)];
    lines.push(`${me}: &${me} [${Array(9).fill(`*${prev}`).join(', ')}]`);
  }
  return `${lines.join('\n')}\n`;
}

describe('deeply nested documents', () => {
  it('get 422 with the line and column where the nesting goes too deep, as YAML and as JSON', async () => {
    const before = await submissions();
    const yaml = await submit(deepYaml);
    expect(yaml.status).toBe(422);
    const p = await problem(yaml);
    expect(p.errors?.[0]).toMatchObject({
      line: 2,
      col: 71,
      message: expect.stringMatching(/more than 64 levels/),
    });
    const json = await submit(deepJson, 'application/json');
    expect(json.status).toBe(422);
    expect((await problem(json)).errors?.[0]).toMatchObject({
      line: 1,
      message: expect.stringMatching(/64 levels/),
    });
    // Any JSON route: bounded before parsing and validating.
    const screen = await fetch(`${w.hub.url}/api/v1/screen`, {
      method: 'POST',
      headers: { authorization: `Bearer ${w.tokens['company-viewer']}`, 'content-type': 'application/json' },
      body: `{"listings": ${'['.repeat(5000)}${']'.repeat(5000)}}`,
    });
    expect(screen.status).toBe(422);
    expect((await problem(screen)).detail).toMatch(/nests more than 64 levels deep \(line 1, column/);
    expect(await submissions()).toBe(before);
  }, 30_000);

  it('do not stop /healthz answering during a flood', async () => {
    let flooding = true;
    const flood = Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        submit(i % 2 ? deepYaml : deepJson, i % 2 ? 'application/yaml' : 'application/json'),
      ),
    ).finally(() => {
      flooding = false;
    });
    const waits: number[] = [];
    while (flooding || waits.length < 3) {
      const started = performance.now();
      const health = await fetch(`${w.hub.url}/healthz`);
      expect(health.status).toBe(200);
      waits.push(performance.now() - started);
    }
    expect((await flood).map((r) => r.status)).toEqual(Array(40).fill(422));
    // Before the bound, each of these held the event loop for ~0.7 s (40 of them: ~30 s).
    expect(Math.max(...waits)).toBeLessThan(3000);
  }, 120_000);
});

describe('YAML alias bombs', () => {
  it('get 422 naming the first alias, without expanding it', async () => {
    const before = await submissions();
    const res = await submit(billionLaughs());
    expect(res.status).toBe(422);
    const p = await problem(res);
    expect(p.errors?.[0]).toMatchObject({
      line: 3,
      col: 8,
      message: expect.stringMatching(/aliases .*billion laughs/),
    });
    expect(await submissions()).toBe(before);
  });
});

describe('invalid UTF-8', () => {
  it('gets 400 naming the byte offset, and nothing is stored', async () => {
    const before = await submissions();
    const bytes = new TextEncoder().encode(example);
    const at = bytes.indexOf(0x0a) + 1; // the first byte of the second line
    const broken = new Uint8Array([...bytes.subarray(0, at), 0xff, 0xfe, ...bytes.subarray(at)]);
    const res = await submit(broken);
    expect(res.status).toBe(400);
    const p = await problem(res);
    expect(p).toMatchObject({ code: 'invalid-utf8', offset: at });
    expect(p.detail).toContain(`byte offset ${at}`);
    expect(await submissions()).toBe(before);
  });

  it('stores a valid document byte for byte', async () => {
    const text = `\uFEFF${example.replace('company:', '# 象牙 🐘 ivoire\ncompany:')}`;
    const res = await submit(new TextEncoder().encode(text));
    expect(res.status).toBe(201);
    const sub = await fetch(res.headers.get('location')!, {
      headers: { authorization: `Bearer ${w.tokens['company-viewer']}` },
    });
    expect(((await sub.json()) as { document: string }).document).toBe(text);
  });
});

describe('invalid UTF-8 in a JSON body', () => {
  it('gets 400 naming the byte offset on every JSON route, and nothing is created', async () => {
    const plans = `${w.hub.url}/api/v1/orgs/${w.orgs.company.id}/plans`;
    const auth = { authorization: `Bearer ${w.tokens['convener-editor']}` };
    const count = async () =>
      ((await (await fetch(plans, { headers: auth })).json()) as { items: unknown[] }).items.length;
    const before = await count();
    const head = new TextEncoder().encode('{"period": "2031", "title": "caf');
    const body = new Uint8Array([...head, 0xe9, 0x20, 0xff, ...new TextEncoder().encode('"}')]);
    const res = await fetch(plans, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(400);
    const p = await problem(res);
    expect(p).toMatchObject({ code: 'invalid-utf8', offset: head.length });
    expect(p.detail).toContain(`byte offset ${head.length}`);
    expect(await count()).toBe(before);
    const bom = await fetch(plans, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: new TextEncoder().encode('\uFEFF{"period": "2031", "title": "café"}'),
    });
    expect(bom.status).toBe(201);
    expect(((await bom.json()) as { title: string }).title).toBe('café');
  });
});

describe('a malformed JSON body to the policy route', () => {
  it('is reported as malformed JSON, located', async () => {
    const res = await submit('{"kind": "company-policy",\n "rules": [1, 2,]}', 'application/json');
    expect(res.status).toBe(422);
    const p = await problem(res);
    expect(p.errors?.[0]).toMatchObject({
      line: 2,
      col: 17,
      message: expect.stringMatching(/^malformed JSON: /),
    });
    expect(JSON.stringify(p)).not.toMatch(/YAML/);
  });
});
