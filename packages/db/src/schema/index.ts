export { hubMeta } from './meta.ts';
