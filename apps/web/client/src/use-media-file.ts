import type { MediaFile } from '@messenger/sdk';
import { useEffect, useState } from 'preact/hooks';
import type { MediaFileCache } from './media-file-cache';

export interface MediaFileState {
  file?: MediaFile;
  error?: unknown;
}

/** Follows a file's metadata and keeps its signed URLs fresh while the calling component is mounted. */
export function useMediaFile(cache: MediaFileCache, fileId: string): MediaFileState {
  const [state, setState] = useState<MediaFileState>(() => ({ file: cache.peek(fileId) }));

  useEffect(() => {
    let active = true;
    let timer: number | undefined;

    const refresh = () => {
      cache
        .load(fileId)
        .then((entry) => {
          if (!active) {
            return;
          }
          setState({ file: entry.file });
          if (entry.staleAt !== Number.POSITIVE_INFINITY) {
            timer = window.setTimeout(refresh, entry.staleAt - Date.now());
          }
        })
        .catch((error: unknown) => {
          if (active) {
            setState((current) => ({ file: current.file, error }));
          }
        });
    };
    refresh();

    return () => {
      active = false;
      window.clearTimeout(timer);
    };
  }, [cache, fileId]);

  return state;
}
