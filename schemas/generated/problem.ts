/* Generated from schemas/problem.schema.json by `pnpm gen` (json-schema-to-typescript). Do not edit. */

/**
 * RFC 9457 problem details, as every error of the hub is answered.
 */
export interface Problem {
  /**
   * URI reference naming the problem type.
   */
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /**
   * Machine-readable error code of the package that raised it.
   */
  code?: string;
  requestId: string;
  /**
   * Validation errors, one per offending field.
   */
  errors?: {
    /**
     * JSON Pointer (RFC 6901) into the request body.
     */
    pointer: string;
    message: string;
    line?: number;
    col?: number;
  }[];
}
