import { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  NotFound,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  S3ClientConfig,
} from '@aws-sdk/client-s3';
import type { S3Settings } from '../config/media.config';

/**
 * Client settings for the S3 server. Everything the SDK could otherwise look
 * up (endpoint, region, credentials) is given explicitly, so it never reads
 * the instance metadata service or the AWS config files.
 */
export function s3ClientConfig(settings: S3Settings): S3ClientConfig {
  // The SDK reads this only when it falls back to its default credential chain,
  // which explicit credentials skip; it is set as a second guard.
  process.env.AWS_EC2_METADATA_DISABLED = 'true';

  return {
    endpoint: settings.s3Endpoint,
    region: settings.s3Region,
    forcePathStyle: settings.s3ForcePathStyle,
    credentials: { accessKeyId: settings.s3AccessKeyId, secretAccessKey: settings.s3SecretAccessKey },
    // Checksums only where S3 requires them: self-hosted servers differ in
    // their support of the newer default (CRC32 trailers on every upload).
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
  };
}

export interface ObjectStream {
  body: Readable;
  contentLength: number;
  /** "bytes start-end/total" for a range request. */
  contentRange?: string;
}

/** The operations on the media bucket that the service uses. */
export class ObjectStorage {
  readonly client: S3Client;

  constructor(readonly settings: S3Settings) {
    this.client = new S3Client(s3ClientConfig(settings));
  }

  /** Returns bytes start..end (inclusive) of an object. */
  async readRange(key: string, start: number, end: number): Promise<Buffer> {
    const { body } = await this.open(key, `bytes=${start}-${end}`);
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunk as Buffer);

    return Buffer.concat(chunks);
  }

  /** Opens an object for reading; range is an HTTP Range header value such as "bytes=0-99". */
  async open(key: string, range?: string): Promise<ObjectStream> {
    const output = await this.client.send(new GetObjectCommand({ Bucket: this.settings.s3Bucket, Key: key, Range: range }));

    return {
      body: output.Body as Readable,
      contentLength: output.ContentLength ?? 0,
      contentRange: output.ContentRange,
    };
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.settings.s3Bucket, Key: key }));

      return true;
    } catch (error) {
      if (error instanceof NotFound || error instanceof NoSuchKey) return false;
      if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
      throw error;
    }
  }

  async copy(sourceKey: string, targetKey: string): Promise<void> {
    await this.client.send(
      new CopyObjectCommand({
        Bucket: this.settings.s3Bucket,
        Key: targetKey,
        CopySource: `${this.settings.s3Bucket}/${sourceKey}`,
      }),
    );
  }

  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.settings.s3Bucket, Key: key, Body: body, ContentType: contentType }),
    );
  }

  /** Deletes the objects; keys that do not exist are skipped without an error. */
  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    const output = await this.client.send(
      new DeleteObjectsCommand({
        Bucket: this.settings.s3Bucket,
        Delete: { Objects: keys.map((key) => ({ Key: key })), Quiet: true },
      }),
    );
    const failed = (output.Errors ?? []).filter((error) => error.Code !== 'NoSuchKey');
    if (failed.length > 0) {
      throw new Error(`deleting ${failed[0].Key} failed: ${failed[0].Code} ${failed[0].Message ?? ''}`.trim());
    }
  }

  /** Resolves when the bucket exists and the credentials may access it. */
  async ping(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.settings.s3Bucket }));
  }

  close(): void {
    this.client.destroy();
  }
}
