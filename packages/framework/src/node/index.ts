/** `@ewto/framework/node`: reading framework editions from disk (node:fs). */
export { defaultFrameworkDir, loadEditionFile, loadEditions } from './load.ts';
