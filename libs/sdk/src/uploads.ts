import { ApiError } from './errors';

const TUS_VERSION = '1.0.0';
/** Bytes per PATCH: each finished chunk is one progress event and the most a broken connection loses. */
const DEFAULT_CHUNK_BYTES = 1024 * 1024;
/** Attempts per chunk before the upload fails; a HEAD finds the server's offset before each repeat. */
const MAX_ATTEMPTS = 6;
const FIRST_RETRY_MS = 500;

/** The content of an upload: a Blob or File in browsers (Node has Blob too), or bytes. */
export type UploadSource = Blob | Uint8Array;

export interface UploadOptions {
  /** Display name, kept as metadata only; the server decides where bytes go. */
  name?: string;
  /** Called after each stored chunk with the bytes the server holds. */
  onProgress?: (uploadedBytes: number, totalBytes: number) => void;
  /** Called with the file id as soon as the server assigns it, so that a caller can resume after a failure. */
  onCreated?: (fileId: string) => void;
  /** Continues the upload of this file id (from an earlier, interrupted call) instead of starting a new one. */
  resumeFileId?: string;
  signal?: AbortSignal;
  chunkBytes?: number;
}

export interface FileThumbnail {
  variant: string;
  width: number;
  height: number;
  /** Absolute, signed, short-lived. */
  url: string;
}

/** A stored file as GET /v1/media/files/{id} describes it, with absolute signed URLs. */
export interface MediaFile {
  fileId: string;
  status: 'uploading' | 'ready' | 'rejected';
  name?: string;
  size: number;
  type?: string;
  width?: number;
  height?: number;
  createdAt: number;
  url?: string;
  urlExpiresAt?: number;
  thumbnails?: FileThumbnail[];
}

/** The media service's upload and file API, with tus resumable uploads. */
export class MediaApi {
  constructor(
    private readonly baseUrl: string,
    private readonly accessToken: () => Promise<string>,
  ) {}

  /**
   * Uploads the source and resolves with the file id once the server has
   * checked and stored it. A broken connection or a 5xx repeats the chunk
   * from the offset the server reports, so nothing is sent twice.
   */
  async upload(source: UploadSource, options: UploadOptions = {}): Promise<string> {
    const total = source instanceof Uint8Array ? source.byteLength : source.size;
    const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
    let fileId = options.resumeFileId;
    let offset = 0;
    if (fileId === undefined) {
      fileId = await this.create(total, options.name, options.signal);
      options.onCreated?.(fileId);
    } else {
      offset = await this.offsetOf(fileId, options.signal);
    }
    options.onProgress?.(offset, total);

    let failures = 0;
    let offsetKnown = true;
    while (offset < total) {
      try {
        if (!offsetKnown) {
          offset = await this.offsetOf(fileId, options.signal);
          offsetKnown = true;
          continue;
        }
        const end = Math.min(total, offset + chunkBytes);
        const chunk = source instanceof Uint8Array ? source.subarray(offset, end) : source.slice(offset, end);
        offset = await this.patch(fileId, offset, chunk, options.signal);
        failures = 0;
        options.onProgress?.(offset, total);
      } catch (error) {
        if (options.signal?.aborted || !isRetryable(error) || ++failures >= MAX_ATTEMPTS) throw error;
        await delay(FIRST_RETRY_MS * 2 ** (failures - 1));
        // The server may have stored part of the failed chunk, so ask it where to go on.
        offsetKnown = false;
      }
    }

    return fileId;
  }

  /** Fetches a file's metadata and fresh signed URLs; members of a conversation it was sent in only. */
  async file(fileId: string): Promise<MediaFile> {
    const response = await this.request('GET', `/v1/media/files/${encodeURIComponent(fileId)}`, {});
    const file = (await response.json()) as MediaFile;

    return {
      ...file,
      url: file.url && this.absolute(file.url),
      thumbnails: file.thumbnails?.map((thumbnail) => ({ ...thumbnail, url: this.absolute(thumbnail.url) })),
    };
  }

  private async create(total: number, name: string | undefined, signal?: AbortSignal): Promise<string> {
    const headers: Record<string, string> = { 'upload-length': String(total) };
    if (name) headers['upload-metadata'] = `filename ${base64(name)}`;
    const response = await this.request('POST', '/v1/media/uploads', headers, undefined, signal);
    const location = response.headers.get('location');
    const fileId = location?.split('/').pop();
    if (!fileId) throw new ApiError(response.status, 'INTERNAL', 'the upload response has no Location header');

    return fileId;
  }

  private async offsetOf(fileId: string, signal?: AbortSignal): Promise<number> {
    const response = await this.request('HEAD', `/v1/media/uploads/${encodeURIComponent(fileId)}`, {}, undefined, signal);

    return Number(response.headers.get('upload-offset') ?? 0);
  }

  private async patch(fileId: string, offset: number, chunk: Blob | Uint8Array, signal?: AbortSignal): Promise<number> {
    const response = await this.request(
      'PATCH',
      `/v1/media/uploads/${encodeURIComponent(fileId)}`,
      { 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' },
      chunk,
      signal,
    );

    return Number(response.headers.get('upload-offset') ?? offset + (chunk instanceof Uint8Array ? chunk.byteLength : chunk.size));
  }

  private async request(
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: Blob | Uint8Array,
    signal?: AbortSignal,
  ): Promise<Response> {
    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      headers: { ...headers, 'tus-resumable': TUS_VERSION, authorization: `Bearer ${await this.accessToken()}` },
      body: body as RequestInit['body'],
      signal,
    });
    if (response.ok) return response;
    const text = await response.text().catch(() => '');
    let payload: { code?: string; message?: string } = {};
    try {
      payload = JSON.parse(text) as typeof payload;
    } catch {
      payload = { message: text.trim() || response.statusText };
    }
    throw new ApiError(response.status, payload.code ?? `HTTP_${response.status}`, payload.message ?? response.statusText);
  }

  private absolute(url: string): string {
    return new URL(url, this.baseUrl).toString();
  }
}

/** True for a failure that a repeat may cure: no response at all, a conflict on the offset, or a server error. */
function isRetryable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  // The tus server's own offset conflict has a text body, unlike the media service's JSON 409.
  if (error.status === 409) return error.code === 'HTTP_409';

  return error.status >= 500;
}

function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);

  return btoa(binary);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
