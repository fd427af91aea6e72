/** `@ewto/keywords/node`: reading the library and listings from files and streams (node:fs). */
export { type InputFormat, type ListingLine, readListings } from './listing-reader.ts';
export { DEFAULT_LIBRARY_DIR, loadLibrary, readLibraryFiles } from './load-library.ts';
