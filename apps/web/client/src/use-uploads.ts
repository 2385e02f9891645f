import { useEffect, useState } from 'preact/hooks';
import type { Upload, UploadQueue } from './upload-queue';

/** Follows the uploads of one conversation. */
export function useUploads(queue: UploadQueue, conversationId: string): Upload[] {
  const [uploads, setUploads] = useState(() => queue.list(conversationId));

  useEffect(() => {
    const refresh = () => setUploads(queue.list(conversationId));
    refresh();

    return queue.subscribe(refresh);
  }, [queue, conversationId]);

  return uploads;
}
