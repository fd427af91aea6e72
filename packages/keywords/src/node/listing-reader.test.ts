import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type InputFormat, type ListingLine, readListings } from './listing-reader.ts';

async function read(text: string, format: InputFormat): Promise<ListingLine[]> {
  const out: ListingLine[] = [];
  for await (const item of readListings(Readable.from([Buffer.from(text, 'utf8')]), format)) out.push(item);
  return out;
}

describe('readListings', () => {
  it('drops a UTF-8 BOM at the start of a JSONL file and reads CRLF lines', async () => {
    const items = await read(
      '\uFEFF{"id":"bom","title":"rhino horn"}\r\n{"id":"crlf","title":"tiger bone"}\r\n',
      'jsonl',
    );
    expect(items).toEqual([
      { line: 1, listing: { id: 'bom', title: 'rhino horn' } },
      { line: 2, listing: { id: 'crlf', title: 'tiger bone' } },
    ]);
  });

  it('drops a UTF-8 BOM at the start of a text file: the title is the line as the user sees it', async () => {
    const items = await read('\uFEFFrhino horn\r\nivory\r\n', 'text');
    expect(items).toEqual([
      { line: 1, listing: { id: 1, title: 'rhino horn' } },
      { line: 2, listing: { id: 2, title: 'ivory' } },
    ]);
  });

  it('keeps a BOM that is not at the start of the input (it is part of the text)', async () => {
    const items = await read('a\n\uFEFFb\n', 'text');
    expect(items.map((i) => ('listing' in i ? i.listing.title : i.error))).toEqual(['a', '\uFEFFb']);
  });

  it('words type errors in plain English', async () => {
    const items = await read('{"id":true}\n{"id":1,"title":5}\n[1]\n', 'jsonl');
    expect(items.map((i) => ('error' in i ? i.error : ''))).toEqual([
      'not a listing: "id" must be a string or an integer',
      'not a listing: "title" must be a string',
      'not a listing: the line must be an object',
    ]);
  });
});
