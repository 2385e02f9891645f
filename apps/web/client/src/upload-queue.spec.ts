import { ApiError, type MediaFile, type OutboxItem, type UploadOptions } from '@messenger/sdk';
import { UploadQueue } from './upload-queue';

const CONVERSATION = 'c1';

interface PendingUpload {
  options: UploadOptions;
  resolve(fileId: string): void;
  reject(error: unknown): void;
}

function setup() {
  const uploads: PendingUpload[] = [];
  const client = {
    upload: jest.fn(
      (_source: Blob | Uint8Array, options: UploadOptions = {}) =>
        new Promise<string>((resolve, reject) => uploads.push({ options, resolve, reject })),
    ),
    send: jest.fn(
      (conversationId: string, body: string, options: { attachments?: string[] } = {}): OutboxItem => ({
        clientMessageId: `cm-${client.send.mock.calls.length}`,
        conversationId,
        body,
        attachments: options.attachments,
        state: 'pending',
        createdAt: 0,
      }),
    ),
  };
  const stored = new Map<string, MediaFile>();
  const media = {
    load: jest.fn(async (fileId: string) => {
      const file: MediaFile = { fileId, status: 'ready', size: 4, type: 'image/png', createdAt: 0 };
      stored.set(fileId, file);

      return { file, staleAt: Number.POSITIVE_INFINITY };
    }),
    peek: (fileId: string) => stored.get(fileId),
  };
  const sut = new UploadQueue(client, media);

  return { sut, client, media, uploads };
}

function file(name: string, content = 'data'): File {
  return new File([content], name, { type: 'application/octet-stream' });
}

/** Lets the queue's awaited promises run. */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

describe('UploadQueue', () => {
  it('sends each file in its own message, the caption with the first', async () => {
    const { sut, client, uploads } = setup();

    sut.add(CONVERSATION, [file('a.png'), file('b.png')], 'Look');
    uploads[0].resolve('file-a');
    uploads[1].resolve('file-b');
    await settle();

    expect(client.send.mock.calls).toEqual([
      [CONVERSATION, 'Look', { attachments: ['file-a'] }],
      [CONVERSATION, '', { attachments: ['file-b'] }],
    ]);
    expect(sut.list(CONVERSATION)).toEqual([]);
  });

  it('fetches the file metadata before the send', async () => {
    const { sut, client, media, uploads } = setup();

    sut.add(CONVERSATION, [file('a.png')], '');
    uploads[0].resolve('file-a');
    await settle();

    expect(media.load).toHaveBeenCalledWith('file-a');
    expect(media.load.mock.invocationCallOrder[0]).toBeLessThan(client.send.mock.invocationCallOrder[0]);
  });

  it('reports progress and notifies listeners', () => {
    const { sut, uploads } = setup();
    const listener = jest.fn();
    sut.subscribe(listener);

    sut.add(CONVERSATION, [file('a.png', '12345678')], '');
    uploads[0].options.onCreated?.('file-a');
    uploads[0].options.onProgress?.(4, 8);

    const [upload] = sut.list(CONVERSATION);
    expect(upload).toMatchObject({ name: 'a.png', state: 'uploading', fileId: 'file-a' });
    expect(upload.uploadedBytes).toBe(4);
    expect(upload.totalBytes).toBe(8);
    expect(listener).toHaveBeenCalledTimes(3);
    expect(sut.list('another conversation')).toEqual([]);
  });

  it('resumes a failed upload with its file id', async () => {
    const { sut, client, uploads } = setup();
    sut.add(CONVERSATION, [file('a.png')], '');
    uploads[0].options.onCreated?.('file-a');
    uploads[0].reject(new ApiError(429, 'RATE_LIMITED', 'too many uploads'));
    await settle();

    const [failed] = sut.list(CONVERSATION);
    expect(failed).toMatchObject({ state: 'failed', retryable: true, fileId: 'file-a' });
    expect(failed.error?.code).toBe('RATE_LIMITED');

    sut.retry(failed.id);
    expect(uploads[1].options.resumeFileId).toBe('file-a');
    uploads[1].resolve('file-a');
    await settle();

    expect(client.send).toHaveBeenCalledWith(CONVERSATION, '', { attachments: ['file-a'] });
  });

  it.each([
    ['storing the complete upload failed', new ApiError(503, 'UNAVAILABLE', 'storing the upload failed')],
    ['the upload expired', new ApiError(410, 'HTTP_410', 'gone')],
  ])('starts over when %s', async (_case, error) => {
    const { sut, uploads } = setup();
    sut.add(CONVERSATION, [file('a.png')], '');
    uploads[0].options.onCreated?.('file-a');
    uploads[0].reject(error);
    await settle();

    const [failed] = sut.list(CONVERSATION);
    expect(failed.fileId).toBeUndefined();
    sut.retry(failed.id);

    expect(uploads[1].options.resumeFileId).toBeUndefined();
  });

  it('offers no retry for a file the server rejected', async () => {
    const { sut, client, uploads } = setup();
    sut.add(CONVERSATION, [file('drawing.svg')], '');
    uploads[0].reject(new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'file type image/svg+xml is not accepted'));
    await settle();

    const [failed] = sut.list(CONVERSATION);
    expect(failed.retryable).toBe(false);
    expect(failed.error?.text).toContain('image/svg+xml');
    sut.retry(failed.id);

    expect(client.upload).toHaveBeenCalledTimes(1);
  });

  it('fails an empty file without uploading it', () => {
    const { sut, client } = setup();

    sut.add(CONVERSATION, [file('empty.txt', '')], '');

    expect(client.upload).not.toHaveBeenCalled();
    const [failed] = sut.list(CONVERSATION);
    expect(failed).toMatchObject({ state: 'failed', retryable: false });
    expect(failed.error?.code).toBe('EMPTY_FILE');
  });

  it('stops a removed upload and returns its caption', async () => {
    const { sut, client, uploads } = setup();
    sut.add(CONVERSATION, [file('a.png')], 'Look');
    const [upload] = sut.list(CONVERSATION);

    const removed = sut.remove(upload.id);
    uploads[0].resolve('file-a');
    await settle();

    expect(removed?.caption).toBe('Look');
    expect(uploads[0].options.signal?.aborted).toBe(true);
    expect(client.send).not.toHaveBeenCalled();
    expect(sut.list(CONVERSATION)).toEqual([]);
  });

  it('returns the files of the messages it sent, with their metadata', async () => {
    const { sut, uploads } = setup();
    sut.add(CONVERSATION, [file('a.png')], '');
    uploads[0].resolve('file-a');
    await settle();

    expect(sut.attachmentsSentWith('cm-1')).toEqual([expect.objectContaining({ fileId: 'file-a', type: 'image/png' })]);
    expect(sut.attachmentsSentWith('cm-unknown')).toBeUndefined();
  });
});
