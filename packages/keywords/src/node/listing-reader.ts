/**
 * Node adapter: listings from a stream, one per line, read as they arrive (memory does not grow
 * with the input). Plain text: the line is the title, its number the id. JSONL: each line is a
 * listing object `{ id, title, description, tags }`; a malformed line is reported, not fatal.
 *
 * A UTF-8 byte order mark at the start of the input is not text: it is dropped, so that line 1 of a
 * JSONL file parses and a plain-text title starts at offset 0. Lines end at LF or CRLF (the CR is
 * not part of the line). Match offsets therefore index the field as the user sees it: the JSON
 * string value, or the text line without BOM and line ending.
 */
import { createInterface } from 'node:readline';
import type { Listing } from '@ewto/schemas/generated/screen-request';
import { validate } from '@ewto/schemas/validate';

const BOM = 0xfeff;

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
  for await (const raw of lines) {
    line++;
    const text = line === 1 && raw.charCodeAt(0) === BOM ? raw.slice(1) : raw;
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
