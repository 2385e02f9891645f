import type { MediaFile, MessengerClient } from '@messenger/sdk';

/** How long before urlExpiresAt a file's signed URLs count as stale and are fetched again (ms). */
const REFRESH_BEFORE_EXPIRY_MS = 60_000;
/**
 * Minimum time an entry stays fresh (ms). It bounds the refetch rate when
 * the browser's clock runs ahead of the server's, which makes urlExpiresAt
 * look closer than it is.
 */
const MIN_FRESH_MS = 30_000;
/** Maximum number of files kept. The least recently fetched goes first. */
const MAX_ENTRIES = 200;

export interface CacheEntry {
  file: MediaFile;
  /** Local time after which the URLs are fetched again. */
  staleAt: number;
}

/**
 * File metadata and signed URLs from client.file(), shared by every view of
 * one client. A fetch for a file that is already on its way waits for that
 * one instead of starting another.
 */
export class MediaFileCache {
  private readonly entries = new Map<string, CacheEntry>();
  private readonly pending = new Map<string, Promise<CacheEntry>>();

  constructor(
    private readonly client: Pick<MessengerClient, 'file'>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Returns the last fetched metadata of a file, whose URLs may have expired. */
  peek(fileId: string): MediaFile | undefined {
    return this.entries.get(fileId)?.file;
  }

  /** Returns the cached entry while it is fresh, else fetches the file again. */
  load(fileId: string): Promise<CacheEntry> {
    const entry = this.entries.get(fileId);
    if (entry !== undefined && entry.staleAt > this.now()) {
      return Promise.resolve(entry);
    }

    const running = this.pending.get(fileId);
    if (running !== undefined) {
      return running;
    }

    const request = this.fetch(fileId).finally(() => this.pending.delete(fileId));
    this.pending.set(fileId, request);

    return request;
  }

  private async fetch(fileId: string): Promise<CacheEntry> {
    const fetchedAt = this.now();
    const file = await this.client.file(fileId);
    const entry = { file, staleAt: fetchedAt + freshFor(file, fetchedAt) };
    this.entries.delete(fileId);
    this.entries.set(fileId, entry);
    if (this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }

    return entry;
  }
}

/** Returns how long a file stays fresh: a rejected one for good, a ready one until shortly before its URLs expire. */
function freshFor(file: MediaFile, fetchedAt: number): number {
  if (file.status === 'rejected') {
    return Number.POSITIVE_INFINITY;
  }
  if (file.urlExpiresAt === undefined) {
    return MIN_FRESH_MS;
  }

  return Math.max(MIN_FRESH_MS, file.urlExpiresAt - fetchedAt - REFRESH_BEFORE_EXPIRY_MS);
}
