import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { Server as TusServer } from '@tus/server';
import type { Upload } from '@tus/utils';
import { LOGGER, Logger } from '@messenger/logging';
import { AppError, ErrorCode } from '@messenger/protocol';
import { MEDIA_CONFIG, MediaConfig } from '../config/media.config';
import { MediaFilesRepository } from '../files/media-files.repository';
import { HTTP_STATUS_BY_CODE } from '@messenger/bootstrap';
import { sanitizeFileName } from '../inspection/file-name';
import { UploadProcessor } from '../processing/upload-processor';
import { s3ClientConfig } from '../storage/object-storage';
import { UPLOAD_PREFIX, uploadKey } from '../storage/object-keys';
import { currentUploadContext } from './upload-context';
import { loadTusModules } from './tus-modules';

export const UPLOADS_PATH = '/v1/media/uploads';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** S3 multipart part size; tus stores a shorter tail in a ".part" object until it grows to this size. */
const PART_SIZE_BYTES = 8 * 1024 * 1024;
const EXPIRY_SWEEP_INTERVAL_MS = 60 * 60 * 1000;

/** Returns the file id in the last path segment of an upload URL, or undefined when it is not a UUID. */
export function fileIdFromUploadPath(segment: string | undefined): string | undefined {
  const fileId = segment?.toLowerCase();

  return fileId && UUID_PATTERN.test(fileId) ? fileId : undefined;
}

/**
 * The tus 1.0 server (creation, creation-with-upload, expiration) on the S3
 * store. Upload ids and object keys are made here: the tus id of a file is
 * "uploads/<fileId>", which is also its object key, and the client sees
 * only /v1/media/uploads/<fileId>. Authentication and ownership are checked
 * by UploadsController before a request reaches this server.
 */
@Injectable()
export class UploadServer implements OnModuleInit, OnApplicationShutdown {
  private server?: TusServer;
  private expirySweep?: NodeJS.Timeout;

  constructor(
    private readonly files: MediaFilesRepository,
    private readonly processor: UploadProcessor,
    @Inject(MEDIA_CONFIG) private readonly config: MediaConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    const tus = await loadTusModules();
    const datastore = new tus.s3Store.S3Store({
      partSize: PART_SIZE_BYTES,
      useTags: false,
      expirationPeriodInMilliseconds: this.config.uploadExpiryHours * 3_600_000,
      s3ClientConfig: { ...s3ClientConfig(this.config), bucket: this.config.s3Bucket },
    });
    // NOTE: the default MemoryLocker orders requests on one upload only within
    // this process; several media replicas need sticky routing per upload or
    // a shared locker.
    this.server = new tus.server.Server({
      path: UPLOADS_PATH,
      datastore,
      maxSize: this.config.maxUploadBytes,
      relativeLocation: true,
      respectForwardedHeaders: false,
      // Same origin only: no CORS headers at all.
      allowedOrigins: () => false,
      disableTerminationForFinishedUploads: true,
      namingFunction: () => uploadKey(randomUUID()),
      generateUrl: (_request, { id }) => `${UPLOADS_PATH}/${id.slice(UPLOAD_PREFIX.length)}`,
      getFileIdFromRequest: (_request, lastPath) => {
        const fileId = fileIdFromUploadPath(lastPath);

        return fileId ? uploadKey(fileId) : undefined;
      },
      onUploadCreate: (_request, upload) => this.onUploadCreate(upload),
      onUploadFinish: (_request, upload) => this.onUploadFinish(upload),
    });
    this.expirySweep = setInterval(() => void this.deleteExpired(), EXPIRY_SWEEP_INTERVAL_MS);
    this.expirySweep.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.expirySweep);
  }

  handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!this.server) throw new Error('the upload server is not initialised yet');

    return this.server.handle(request, response);
  }

  private async onUploadCreate(upload: Upload): Promise<{ metadata: Record<string, string> }> {
    const { userId } = currentUploadContext();
    const fileId = upload.id.slice(UPLOAD_PREFIX.length);
    const name = sanitizeFileName(upload.metadata?.filename ?? upload.metadata?.name ?? '');
    await this.files.createUpload(fileId, userId, name, upload.size ?? 0);
    this.logger.info({ fileId, ownerId: userId, byteSize: upload.size }, 'upload created');

    // The client's other metadata (such as a declared type) is dropped: the type comes from the bytes.
    return { metadata: {} };
  }

  /** Processes the finished upload; a rejection becomes the final request's JSON error response. */
  private async onUploadFinish(upload: Upload): Promise<{ status_code?: number; headers?: Record<string, string>; body?: string }> {
    const fileId = upload.id.slice(UPLOAD_PREFIX.length);
    const file = await this.files.find(fileId);
    if (!file) throw jsonError(new AppError(ErrorCode.NOT_FOUND, `file ${fileId} has no record`));
    try {
      await this.processor.process(file);

      return {};
    } catch (error) {
      if (error instanceof AppError) {
        return {
          status_code: HTTP_STATUS_BY_CODE[error.code],
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ code: error.code, message: error.message }),
        };
      }
      this.logger.error({ fileId, err: error }, 'processing a finished upload failed');
      // NOTE: the file stays "uploading" and its upload is complete, so the client has to upload it again.
      throw jsonError(new AppError(ErrorCode.UNAVAILABLE, 'storing the upload failed; upload the file again'));
    }
  }

  private async deleteExpired(): Promise<void> {
    try {
      const deleted = await this.server?.cleanUpExpiredUploads();
      if (deleted) this.logger.info({ deleted }, 'deleted expired uploads');
    } catch (error) {
      this.logger.warn({ err: error }, 'deleting expired uploads failed');
    }
  }
}

/** Builds an error in the shape that the tus server turns into a response. */
function jsonError(error: AppError): { status_code: number; body: string } {
  return { status_code: HTTP_STATUS_BY_CODE[error.code], body: JSON.stringify({ code: error.code, message: error.message }) };
}
