/* Generated from schemas/screen-request.schema.json by `pnpm gen` (json-schema-to-typescript). Do not edit. */

/**
 * The caller's id of the listing, echoed in its result (a string, or the line number for plain-text input).
 *
 * This interface was referenced by `ScreenRequest`'s JSON-Schema
 * via the `definition` "listingId".
 */
export type ListingId = string | number;

/**
 * A batch of listings to screen against the keyword library (`POST /api/v1/screen`); each JSONL input line of `ewto keywords screen` is one `listing`.
 */
export interface ScreenRequest {
  listings: Listing[];
}
/**
 * This interface was referenced by `ScreenRequest`'s JSON-Schema
 * via the `definition` "listing".
 */
export interface Listing {
  id: ListingId;
  title?: string;
  description?: string;
  tags?: string[];
}
