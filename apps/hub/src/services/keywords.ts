/**
 * The keyword library as every hub process serves it: the files read at start, with the terms
 * promoted from trend alerts (stored in the database) on top. Each request asks the database for
 * the newest served version (one indexed read) and rebuilds the screener when another process has
 * promoted terms since, so `/keywords` and `/screen` agree across processes.
 */
import type { Database } from '@ewto/db';
import { keywordVersions, promotedTerms } from '@ewto/db/schema';
import {
  compileLibrary,
  type KeywordLibrary,
  overlayLibrary,
  type PromotedTerm,
  pendingFileVersions,
  type Screener,
  type ServedVersion,
} from '@ewto/keywords';
import { asc, desc } from 'drizzle-orm';

export interface ServedLibrary {
  library: KeywordLibrary;
  screener: Screener;
}

export class KeywordService {
  #served: ServedLibrary;
  #loading: Promise<ServedLibrary> | undefined;

  constructor(
    private readonly db: Database,
    private readonly files: KeywordLibrary,
  ) {
    this.#served = { library: files, screener: compileLibrary(files) };
  }

  /** Records the versions of the files not yet numbered (first start, or new files), and loads. */
  async init(): Promise<void> {
    const served = await this.db.select().from(keywordVersions).orderBy(asc(keywordVersions.version));
    const pending = pendingFileVersions(this.files, served);
    if (pending.length)
      await this.db.transaction(async (tx) => {
        // Another process may have numbered them meanwhile: re-read inside the write transaction.
        const now = await tx.select().from(keywordVersions);
        for (const v of pendingFileVersions(this.files, now)) await tx.insert(keywordVersions).values(v);
      });
    await this.#reload();
  }

  /** The library and screener of the newest version (rebuilt when another process promoted terms). */
  async current(): Promise<ServedLibrary> {
    const newest = (
      await this.db
        .select({ v: keywordVersions.version })
        .from(keywordVersions)
        .orderBy(desc(keywordVersions.version))
        .limit(1)
    )[0]?.v;
    if (newest === undefined || newest === this.#served.library.version) return this.#served;
    this.#loading ??= this.#reload().finally(() => {
      this.#loading = undefined;
    });
    return this.#loading;
  }

  async #reload(): Promise<ServedLibrary> {
    const served = (await this.db
      .select()
      .from(keywordVersions)
      .orderBy(asc(keywordVersions.version))) as ServedVersion[];
    const promoted = (await this.db.select().from(promotedTerms)) as PromotedTerm[];
    const library = overlayLibrary(this.files, served, promoted);
    this.#served = { library, screener: compileLibrary(library) };
    return this.#served;
  }

  /** Stores a promotion (in the caller's audited transaction). */
  static async storePromotion(
    tx: Database,
    version: ServedVersion & { createdBy: string },
    terms: PromotedTerm[],
  ) {
    await tx.insert(keywordVersions).values(version);
    if (terms.length) await tx.insert(promotedTerms).values(terms);
  }
}
