import { ApiError, type MessengerClient } from '@messenger/sdk';
import { describeError, type ErrorView } from './errors';
import type { MediaFileCache } from './media-file-cache';
import type { AttachmentRef } from './timeline';

/** A file on its way into a message, shown in its conversation until the message is queued. */
export interface Upload {
  /** Local id for keys and actions. */
  id: string;
  conversationId: string;
  name: string;
  /** Text sent with the file: the composer's text when the file was attached. */
  caption: string;
  state: 'uploading' | 'failed';
  uploadedBytes: number;
  totalBytes: number;
  /** The media service's id, once it has assigned one. A retry resumes this upload instead of starting over. */
  fileId?: string;
  error?: ErrorView;
  /** False when the server rejected the file itself, so uploading it again cannot succeed. */
  retryable: boolean;
}

interface Job {
  upload: Upload;
  source: Blob;
  controller?: AbortController;
}

/** Codes with which the media service rejects the content or size of a file (docs/protocol.md, "Uploads"). */
const REJECTED_FILE_CODES = new Set([
  'FILE_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'IMAGE_TOO_LARGE',
  'INVALID_IMAGE',
  'INVALID_ARGUMENT',
]);

/**
 * Returns whether a retry may continue the upload with the same file id. It
 * may not after a 503 UNAVAILABLE, which the media service returns when
 * storing a complete upload failed (the upload stays complete but unusable),
 * nor when the upload is gone (404) or expired (410).
 */
function canResume(error: unknown): boolean {
  if (!(error instanceof ApiError)) {
    return true;
  }

  return error.status !== 404 && error.status !== 410 && !(error.status === 503 && error.code === 'UNAVAILABLE');
}

/**
 * Uploads the files that the user attaches, each into its own message, and
 * sends that message once the media service has stored the file. All files
 * upload at once, so their messages go out in the order the uploads finish.
 * Uploads live as long as the page: a reload drops those still running.
 */
export class UploadQueue {
  private readonly jobs = new Map<string, Job>();
  private readonly listeners = new Set<() => void>();
  /** File ids of the messages that this queue sent, by client message id. */
  private readonly sentFileIds = new Map<string, string[]>();
  private nextId = 1;

  constructor(
    private readonly client: Pick<MessengerClient, 'upload' | 'send'>,
    private readonly media: Pick<MediaFileCache, 'load' | 'peek'>,
  ) {}

  /** Starts uploading files into a conversation, with the caption in the first file's message. */
  add(conversationId: string, files: readonly File[], caption: string): void {
    files.forEach((file, index) => {
      const upload: Upload = {
        id: `upload-${this.nextId++}`,
        conversationId,
        name: file.name,
        caption: index === 0 ? caption : '',
        state: 'uploading',
        uploadedBytes: 0,
        totalBytes: file.size,
        retryable: true,
      };
      const job: Job = { upload, source: file };
      this.jobs.set(upload.id, job);
      if (file.size === 0) {
        // The media service rejects a length of 0, so the request would only fail later.
        job.upload = {
          ...upload,
          state: 'failed',
          error: { code: 'EMPTY_FILE', text: 'The file is empty.' },
          retryable: false,
        };
      } else {
        void this.run(job);
      }
    });
    this.notify();
  }

  /** Continues a failed upload: from the stored offset when the server has the file id, else from the start. */
  retry(id: string): void {
    const job = this.jobs.get(id);
    if (job === undefined || job.upload.state !== 'failed' || !job.upload.retryable) {
      return;
    }
    this.update(job, { state: 'uploading', error: undefined });
    void this.run(job);
  }

  /** Stops an upload and removes it from the list. Returns it so that the caller can restore its caption. */
  remove(id: string): Upload | undefined {
    const job = this.jobs.get(id);
    if (job === undefined) {
      return undefined;
    }
    this.jobs.delete(id);
    job.controller?.abort();
    this.notify();

    return job.upload;
  }

  /** Stops every upload, e.g. at logout. */
  abortAll(): void {
    for (const job of this.jobs.values()) {
      job.controller?.abort();
    }
    this.jobs.clear();
    this.notify();
  }

  list(conversationId: string): Upload[] {
    const uploads = [...this.jobs.values()].map((job) => job.upload);

    return uploads.filter((upload) => upload.conversationId === conversationId);
  }

  /**
   * Returns the files of a message that this queue sent, with the metadata
   * fetched before the send. The SDK's copy of an own message has no
   * attachments until the conversation list is fetched again.
   */
  attachmentsSentWith(clientMessageId: string): AttachmentRef[] | undefined {
    return this.sentFileIds.get(clientMessageId)?.map((fileId) => this.media.peek(fileId) ?? { fileId });
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);

    return () => this.listeners.delete(listener);
  }

  private async run(job: Job): Promise<void> {
    const controller = new AbortController();
    job.controller = controller;
    const { id } = job.upload;
    try {
      const fileId = await this.client.upload(job.source, {
        name: job.upload.name,
        resumeFileId: job.upload.fileId,
        signal: controller.signal,
        onCreated: (created) => this.update(job, { fileId: created }),
        onProgress: (uploadedBytes, totalBytes) => this.update(job, { uploadedBytes, totalBytes }),
      });
      // Fetched before the send, so that the message shows the file at its final size from the start.
      await this.media.load(fileId).catch(() => undefined);
      if (this.jobs.get(id) !== job) {
        return;
      }

      const item = this.client.send(job.upload.conversationId, job.upload.caption, { attachments: [fileId] });
      this.sentFileIds.set(item.clientMessageId, [fileId]);
      this.jobs.delete(id);
      this.notify();
    } catch (error) {
      if (controller.signal.aborted || this.jobs.get(id) !== job) {
        return;
      }
      const view = describeError(error);
      this.update(job, {
        state: 'failed',
        error: view,
        retryable: !REJECTED_FILE_CODES.has(view.code),
        fileId: canResume(error) ? job.upload.fileId : undefined,
      });
    }
  }

  private update(job: Job, changes: Partial<Upload>): void {
    if (this.jobs.get(job.upload.id) !== job) {
      return;
    }
    job.upload = { ...job.upload, ...changes };
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) {
      listener();
    }
  }
}
