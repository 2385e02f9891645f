import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import zlib from 'node:zlib';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';

const TUS_VERSION = '1.0.0';

export interface FinishedUpload {
  fileId: string;
  uploadUrl: string;
  /** The response to the request that carried the last byte. */
  final: Response;
}

/** A minimal tus 1.0 client for the media service's upload API, and its file API. */
export class MediaApi {
  constructor(
    readonly baseUrl: string,
    private readonly accessToken: string,
  ) {}

  /** POST /v1/media/uploads; metadata values are sent base64-encoded as tus requires. */
  create(length: number, metadata: Record<string, string> = {}, headers: Record<string, string> = {}): Promise<Response> {
    const encoded = Object.entries(metadata)
      .map(([key, value]) => `${key} ${Buffer.from(value).toString('base64')}`)
      .join(',');

    return fetch(`${this.baseUrl}/v1/media/uploads`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${this.accessToken}`,
        'tus-resumable': TUS_VERSION,
        'upload-length': String(length),
        ...(encoded ? { 'upload-metadata': encoded } : {}),
        ...headers,
      },
    });
  }

  patch(uploadUrl: string, offset: number, chunk: Buffer, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(this.absolute(uploadUrl), {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${this.accessToken}`,
        'tus-resumable': TUS_VERSION,
        'upload-offset': String(offset),
        'content-type': 'application/offset+octet-stream',
        ...headers,
      },
      body: chunk,
    });
  }

  head(uploadUrl: string): Promise<Response> {
    return fetch(this.absolute(uploadUrl), {
      method: 'HEAD',
      headers: { authorization: `Bearer ${this.accessToken}`, 'tus-resumable': TUS_VERSION },
    });
  }

  /** Creates an upload and sends the content in one PATCH; throws unless the creation succeeds. */
  async upload(content: Buffer, metadata: Record<string, string> = {}, headers: Record<string, string> = {}): Promise<FinishedUpload> {
    const created = await this.create(content.length, metadata);
    if (created.status !== 201) throw new Error(`upload creation returned ${created.status}: ${await created.text()}`);
    const uploadUrl = created.headers.get('location')!;
    const final = await this.patch(uploadUrl, 0, content, headers);

    return { fileId: uploadUrl.split('/').pop()!, uploadUrl, final };
  }

  /** GET /v1/media/files/{fileId} */
  file(fileId: string): Promise<Response> {
    return fetch(`${this.baseUrl}/v1/media/files/${fileId}`, { headers: { authorization: `Bearer ${this.accessToken}` } });
  }

  /** Fetches a signed URL without credentials, as a browser's <img> does. */
  download(url: string, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(this.absolute(url), { headers });
  }

  /**
   * Sends the first `sent` bytes of a PATCH body that announces `chunk`
   * bytes, then drops the connection, like a device that loses its network
   * in the middle of an upload.
   */
  interruptedPatch(uploadUrl: string, offset: number, chunk: Buffer, sent: number): Promise<void> {
    const url = new URL(this.absolute(uploadUrl));

    return new Promise((resolve) => {
      const request = http.request(url, {
        method: 'PATCH',
        headers: {
          authorization: `Bearer ${this.accessToken}`,
          'tus-resumable': TUS_VERSION,
          'upload-offset': String(offset),
          'content-type': 'application/offset+octet-stream',
          'content-length': String(chunk.length),
        },
      });
      request.on('error', () => resolve());
      request.on('response', (response) => {
        response.resume();
        resolve();
      });
      request.write(chunk.subarray(0, sent), () => {
        // Let the server read what was sent before the connection goes.
        setTimeout(() => {
          request.destroy();
          resolve();
        }, 500);
      });
    });
  }

  private absolute(url: string): string {
    return url.startsWith('http') ? url : `${this.baseUrl}${url}`;
  }
}

export function sha256(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/** Builds a PNG by hand: a real header that declares width × height, with one tiny compressed row of data. */
export function pngWithHeader(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(typed));

    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // colour type: RGB

  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.alloc(64))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Returns every key in the media bucket under prefix, read through the S3 API of the local server. */
export async function listBucketKeys(prefix = ''): Promise<string[]> {
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  const client = new S3Client({
    endpoint: process.env.MEDIA_S3_ENDPOINT ?? `http://127.0.0.1:${process.env.S3_PORT ?? 9000}`,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: {
      accessKeyId: process.env.MEDIA_S3_ACCESS_KEY_ID ?? 'messenger-local',
      secretAccessKey: process.env.MEDIA_S3_SECRET_ACCESS_KEY ?? 'messenger-local-secret',
    },
  });
  const keys: string[] = [];
  try {
    let token: string | undefined;
    do {
      const page = await client.send(
        new ListObjectsV2Command({
          Bucket: process.env.MEDIA_S3_BUCKET ?? 'messenger-media',
          Prefix: prefix,
          ContinuationToken: token,
        }),
      );
      for (const object of page.Contents ?? []) keys.push(object.Key!);
      token = page.NextContinuationToken;
    } while (token);
  } finally {
    client.destroy();
  }

  return keys;
}

/** Peak resident memory (VmHWM) of a process, in bytes. */
export function peakMemoryBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(status);
  if (!match) throw new Error(`no VmHWM line in /proc/${pid}/status`);

  return Number(match[1]) * 1024;
}
