/**
 * Node adapter: listings from a stream, one per line, read as they arrive (memory does not grow
 * with the input). Plain text: the line is the title, its number the id. JSONL: each line is a
 * listing object `{ id, title, description, tags }`; a malformed line is reported, not fatal.
 */
import { createInterface } from 'node:readline';
import type { Listing } from '@ewto/schemas/generated/screen-request';
import { validate } from '@ewto/schemas/validate';

export type InputFormat = 'text' | 'jsonl';

export type ListingLine = { line: number; listing: Listing } | { line: number; error: string };

/**
 * Yields one listing (or one error) per non-blank line, with its 1-based line number.
 * @example
 * for await (const item of readListings(createReadStream('listings.jsonl'), 'jsonl'))
 *   if ('listing' in item) console.log(screenListing(screener, item.listing));
 */
export async function* readListings(
  input: NodeJS.ReadableStream,
  format: InputFormat,
): AsyncGenerator<ListingLine> {
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === '') continue;
    if (format === 'text') {
      yield { line, listing: { id: line, title: text } };
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      yield { line, error: `malformed JSON: ${(e as Error).message}` };
      continue;
    }
    const issues = validate('screen-request#/$defs/listing', value);
    if (issues.length > 0) {
      yield {
        line,
        error: `not a listing: ${issues.map((i) => i.message.replace('document', 'the line')).join('; ')}`,
      };
      continue;
    }
    yield { line, listing: value as Listing };
  }
}
