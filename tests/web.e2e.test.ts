import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type RunningHub, startTestHub } from '@ewto/hub/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser.ts';
import { repoRoot } from './support/paths.ts';

let hub: RunningHub;
let browser: Browser;
beforeAll(async () => {
  // Built by turbo before the tests run (the tests package depends on @ewto/web, test dependsOn ^build).
  const dist = join(repoRoot, 'apps/web/dist');
  if (!existsSync(join(dist, 'index.html')))
    throw new Error(`no web build at ${dist}: run \`pnpm test\` (turbo builds it first)`);
  hub = await startTestHub({ webDist: dist });
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

describe('web UI in Chromium', () => {
  it('loads from the hub and shows the hub status it fetched', async () => {
    const page = await browser.newPage();
    await page.goto(hub.url);
    await expect
      .poll(() => page.textContent('#app'), { timeout: 10_000 })
      .toMatch(/Hub \d+\.\d+\.\d+: ok \(database ok\)/);
    expect(await page.title()).toBe('EWTO Hub');
  });
});
