/* Generated from schemas/health.schema.json by `pnpm gen` (json-schema-to-typescript). Do not edit. */

export interface Health {
  status: 'ok' | 'degraded';
  version: string;
  database: 'ok' | 'unreachable';
}
