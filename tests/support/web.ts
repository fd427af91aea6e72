/** Helpers for browser tests of the web app: the built UI, a signed-in page, axe-core. */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { repoRoot } from './paths.ts';

export const webDist = join(repoRoot, 'apps/web/dist');

/** The built web UI; fails loudly when it was not built. */
export function requireWebDist(): string {
  if (!existsSync(join(webDist, 'index.html')))
    throw new Error(
      `no web build at ${webDist}: run \`pnpm --filter @ewto/web build\` (turbo builds it before \`pnpm test\`)`,
    );
  return webDist;
}

/** A CTAP2 platform authenticator with user verification, as Chromium's WebAuthn domain offers it. */
export async function addVirtualAuthenticator(context: BrowserContext, page: Page): Promise<CDPSession> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return cdp;
}

/** Signs in on the sign-in page with a personal access token. */
export async function signInWithToken(page: Page, hubUrl: string, pat: string): Promise<void> {
  await page.goto(`${hubUrl}/sign-in`);
  await page.getByLabel('Personal access token').fill(pat);
  await page.getByRole('button', { name: 'Sign in with the token' }).click();
  await page.getByRole('heading', { name: 'My account' }).waitFor({ timeout: 15_000 });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

/**
 * Runs axe-core in the page (evaluated over CDP, so the hub's CSP stays in force for the app) and
 * returns the violations of serious or critical impact.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const result = (await page.evaluate(() =>
    (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<unknown> } }).axe.run(
      document,
      {
        resultTypes: ['violations'],
      },
    ),
  )) as { violations: AxeViolation[] };
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
