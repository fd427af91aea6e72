import { resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '../..');
export const sharedDir = resolve(repoRoot, '../shared');
export const tsxBin = resolve(repoRoot, 'node_modules/.bin/tsx');
