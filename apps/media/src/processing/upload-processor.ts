import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { LOGGER, Logger } from '@messenger/logging';
import { serviceMetrics } from '@messenger/observability';
import { AppError, ErrorCode } from '@messenger/protocol';
import { MEDIA_CONFIG, MediaConfig } from '../config/media.config';
import { BlobRecord, FileRecord, MediaFilesRepository } from '../files/media-files.repository';
import {
  ALLOWED_TYPES,
  HEAD_BYTES,
  Utf8TextCheck,
  detectContentType,
  isAllowedType,
  isRasterImage,
} from '../inspection/content-type';
import { ImageDimensions, checkImageHeader } from '../inspection/image-header';
import { ObjectStorage } from '../storage/object-storage';
import { blobKey, thumbnailKey, uploadKey } from '../storage/object-keys';
import { createThumbnails } from './thumbnails';

/** Codes under which a finished upload is rejected; anything else is an outage and the file stays "uploading". */
const REJECTION_CODES = new Set<string>([
  ErrorCode.UNSUPPORTED_MEDIA_TYPE,
  ErrorCode.IMAGE_TOO_LARGE,
  ErrorCode.INVALID_IMAGE,
  ErrorCode.FILE_TOO_LARGE,
]);

interface ContentSummary {
  sha256: string;
  byteSize: number;
}

/**
 * Turns a finished upload into a stored file. It detects the type from the
 * bytes and checks it against the allowlist. It checks an image's
 * dimensions against MEDIA_MAX_IMAGE_PIXELS before any decoding. It then
 * hashes the content, stores it once per SHA-256 with thumbnails for images,
 * and deletes the upload's own objects. A rejected upload is deleted too,
 * and its file is marked "rejected".
 */
@Injectable()
export class UploadProcessor {
  private readonly outcomes = serviceMetrics().counter('uploads_processed_total', 'Finished uploads by outcome', [
    'outcome',
  ]);
  private readonly duration = serviceMetrics().histogram(
    'upload_processing_duration_seconds',
    'Time from the last uploaded byte to a stored or rejected file, in seconds',
  );

  constructor(
    private readonly files: MediaFilesRepository,
    private readonly storage: ObjectStorage,
    @Inject(MEDIA_CONFIG) private readonly config: MediaConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Returns the ready file, or throws an AppError with a REJECTION_CODES code for content that is not accepted. */
  async process(file: FileRecord): Promise<BlobRecord> {
    const end = this.duration.startTimer();
    try {
      const blob = await this.store(file);
      await this.files.markReady(file.fileId, blob);
      this.outcomes.inc({ outcome: 'ready' });
      this.logger.info(
        { fileId: file.fileId, ownerId: file.ownerId, contentType: blob.contentType, byteSize: blob.byteSize },
        'upload stored',
      );

      return blob;
    } catch (error) {
      if (error instanceof AppError && REJECTION_CODES.has(error.code)) {
        await this.files.markRejected(file.fileId, error.code);
        await this.removeUpload(file.fileId);
        this.outcomes.inc({ outcome: error.code });
        this.logger.info({ fileId: file.fileId, ownerId: file.ownerId, code: error.code }, 'upload rejected');
      } else {
        this.outcomes.inc({ outcome: 'failed' });
      }
      throw error;
    } finally {
      end();
    }
  }

  private async store(file: FileRecord): Promise<BlobRecord> {
    const key = uploadKey(file.fileId);
    const head = await this.storage.readRange(key, 0, Math.min(file.byteSize, HEAD_BYTES) - 1);
    const contentType = detectContentType(head);
    if (!contentType || !isAllowedType(contentType)) {
      throw new AppError(
        ErrorCode.UNSUPPORTED_MEDIA_TYPE,
        `content is ${contentType ?? 'of an unknown type'}; accepted types: ${ALLOWED_TYPES.join(', ')}`,
      );
    }
    const dimensions = isRasterImage(contentType)
      ? checkImageHeader(head, contentType, this.config.maxImagePixels)
      : undefined;

    const content = await this.summarize(key, contentType === 'text/plain');
    if (content.byteSize > this.config.maxUploadBytes) {
      throw new AppError(
        ErrorCode.FILE_TOO_LARGE,
        `file is ${content.byteSize} bytes; the limit is ${this.config.maxUploadBytes} bytes`,
      );
    }
    const existing = await this.files.findBlob(content.sha256);
    const blob = existing ?? (await this.storeBlob(key, content, contentType, dimensions));
    await this.removeUpload(file.fileId);

    return blob;
  }

  /** Streams the upload once: SHA-256, byte count and, for text, a check that every byte is UTF-8 text. */
  private async summarize(key: string, text: boolean): Promise<ContentSummary> {
    const hash = createHash('sha256');
    const textCheck = text ? new Utf8TextCheck() : undefined;
    let byteSize = 0;
    const { body } = await this.storage.open(key);
    for await (const chunk of body) {
      hash.update(chunk as Buffer);
      textCheck?.update(chunk as Buffer);
      byteSize += (chunk as Buffer).length;
    }
    if (textCheck && !textCheck.finish()) {
      throw new AppError(
        ErrorCode.UNSUPPORTED_MEDIA_TYPE,
        `content starts as text but is not UTF-8 text throughout; accepted types: ${ALLOWED_TYPES.join(', ')}`,
      );
    }

    return { sha256: hash.digest('hex'), byteSize };
  }

  /**
   * Copies the upload to its content address and writes the thumbnails, then
   * records the blob. Two uploads of the same content may do this at once:
   * they write identical objects under identical keys, so either order is safe.
   */
  private async storeBlob(
    key: string,
    content: ContentSummary,
    contentType: string,
    dimensions: ImageDimensions | undefined,
  ): Promise<BlobRecord> {
    const objectKey = blobKey(content.sha256);
    // Thumbnails come from the upload first, so that an image that cannot be decoded leaves nothing at its content address.
    const thumbnails = dimensions
      ? await createThumbnails((await this.storage.open(key)).body, dimensions.width, dimensions.height, this.config.maxImagePixels)
      : [];
    await this.storage.copy(key, objectKey);
    const blob: BlobRecord = { ...content, objectKey, contentType, ...dimensions, thumbnails: [] };
    if (dimensions) {
      for (const thumbnail of thumbnails) {
        await this.storage.put(thumbnailKey(content.sha256, thumbnail.variant), thumbnail.data, 'image/webp');
      }
      blob.thumbnails = thumbnails.map(({ variant, width, height, data }) => ({
        variant,
        width,
        height,
        byteSize: data.length,
      }));
    }
    await this.files.saveBlob(blob);
    this.logger.debug({ sha256: content.sha256, contentType }, 'stored new content');

    return blob;
  }

  /** Deletes the objects that the tus S3 store keeps for an upload. */
  private async removeUpload(fileId: string): Promise<void> {
    const key = uploadKey(fileId);
    try {
      await this.storage.delete([key, `${key}.info`, `${key}.part`]);
    } catch (error) {
      this.logger.warn({ fileId, err: error }, 'deleting upload objects failed; they stay until the upload expires');
    }
  }
}
