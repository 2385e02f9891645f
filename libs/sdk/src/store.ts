/** Storage for what must outlive a page load: the session, the device id, the outbox and positions. */
export interface KeyValueStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

/** Keeps everything in memory: a process restart starts from nothing. */
export class MemoryStore implements KeyValueStore {
  private readonly values = new Map<string, string>();

  get(key: string): string | null {
    return this.values.get(key) ?? null;
  }

  set(key: string, value: string): void {
    this.values.set(key, value);
  }

  remove(key: string): void {
    this.values.delete(key);
  }
}

/** The subset of the Web Storage API that webStorage uses. */
export interface WebStorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * Wraps localStorage or sessionStorage under a key prefix. A full or
 * disabled storage loses the write instead of failing the caller.
 */
export function webStorage(storage: WebStorageLike, prefix: string): KeyValueStore {
  return {
    get: (key) => storage.getItem(prefix + key),
    set: (key, value) => {
      try {
        storage.setItem(prefix + key, value);
      } catch {
        // Quota exceeded or storage disabled: the value lives on in memory only.
      }
    },
    remove: (key) => storage.removeItem(prefix + key),
  };
}

/** Reads a JSON value, or undefined when it is missing or not valid JSON. */
export function readJson<T>(store: KeyValueStore, key: string): T | undefined {
  const raw = store.get(key);
  if (raw === null) return undefined;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return undefined;
  }
}
