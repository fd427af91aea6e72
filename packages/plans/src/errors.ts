/** Codes of {@link PlanError}; the hub maps them to statuses and close codes, the CLI to exit codes. */
export const PLAN_ERROR_CODES = [
  /** An update breaks the plan's layout (docs/action-plans.md): closed with 4400. */
  'shape-violation',
  /** Bytes that are not a Yjs update / y-protocols message: closed with 4400. */
  'malformed-update',
  /** A named version or submission the operation needs is not there. */
  'not-found',
] as const;
export type PlanErrorCode = (typeof PLAN_ERROR_CODES)[number];

/**
 * The one error class of `@ewto/plans`.
 * @example if (e instanceof PlanError && e.code === 'shape-violation') ws.close(4400, e.message)
 */
export class PlanError extends Error {
  override readonly name = 'PlanError';
  constructor(
    readonly code: PlanErrorCode,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, 'cause' in options ? { cause: options.cause } : undefined);
  }
}
