import { resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '../..');
export const sharedDir = resolve(repoRoot, '../shared');
export const tsxBin = resolve(repoRoot, 'node_modules/.bin/tsx');
/** The CLI as users run it (ADR 0001); `support/global-setup.ts` rebuilds it when stale. */
export const cliBundle = resolve(repoRoot, 'apps/cli/dist/ewto.mjs');
