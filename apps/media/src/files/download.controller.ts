import { pipeline } from 'node:stream/promises';
import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { LOGGER, Logger } from '@messenger/logging';
import { serviceMetrics } from '@messenger/observability';
import { AppError, ErrorCode } from '@messenger/protocol';
import { ObjectStorage } from '../storage/object-storage';
import { blobKey, thumbnailKey } from '../storage/object-keys';
import { downloadHeaders } from './download-headers';
import { DownloadLinkSigner } from './download-links';
import { requireFileId } from './file-access';
import { ORIGINAL_VARIANT } from './file-view';
import { FileRecord, MediaFilesRepository } from './media-files.repository';

const SINGLE_RANGE = /^bytes=(\d*)-(\d*)$/;

/**
 * GET /v1/media/download/{fileId}/{variant}?expires=…&signature=…: streams a
 * stored file or thumbnail from object storage. The signed URL is the
 * authorisation, so that browsers can load it in <img> and <a> without an
 * access token. One byte range (Range: bytes=a-b) is supported.
 */
@Controller('v1/media/download')
export class DownloadController {
  private readonly downloads = serviceMetrics().counter('downloads_total', 'Download requests by variant and outcome', [
    'variant',
    'outcome',
  ]);

  constructor(
    private readonly files: MediaFilesRepository,
    private readonly storage: ObjectStorage,
    private readonly signer: DownloadLinkSigner,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Get(':fileId/:variant')
  async download(
    @Param('fileId') rawFileId: string,
    @Param('variant') variant: string,
    @Query('expires') expires: unknown,
    @Query('signature') signature: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const variantLabel = variant === ORIGINAL_VARIANT ? ORIGINAL_VARIANT : 'thumbnail';
    try {
      const fileId = requireFileId(rawFileId);
      this.signer.verify(fileId, variant, expires, signature);
      const file = await this.files.find(fileId);
      if (!file || file.status !== 'ready' || !file.sha256) throw new AppError(ErrorCode.NOT_FOUND, `file ${fileId} not found`);
      const target = objectOf(file, variant);
      const range = parseRange(request.header('range'));
      const object = await this.storage.open(target.key, range).catch((error: unknown) => {
        throw isInvalidRange(error) ? new AppError(ErrorCode.INVALID_ARGUMENT, 'requested range is not satisfiable') : error;
      });

      response.status(object.contentRange ? 206 : 200).set({
        ...downloadHeaders({
          contentType: target.contentType,
          fileId,
          name: file.name,
          maxAgeSeconds: Number(expires) - Math.floor(Date.now() / 1000),
        }),
        'Content-Length': String(object.contentLength),
        ...(object.contentRange ? { 'Content-Range': object.contentRange } : {}),
      });
      this.downloads.inc({ variant: variantLabel, outcome: 'ok' });
      await pipeline(object.body, response).catch((error: unknown) => {
        this.logger.debug({ fileId, variant, err: error }, 'download ended early');
      });
    } catch (error) {
      this.downloads.inc({ variant: variantLabel, outcome: error instanceof AppError ? error.code : 'error' });
      throw error;
    }
  }
}

function objectOf(file: FileRecord, variant: string): { key: string; contentType: string } {
  if (variant === ORIGINAL_VARIANT) return { key: blobKey(file.sha256!), contentType: file.contentType! };
  if (!file.thumbnails.some((thumbnail) => thumbnail.variant === variant)) {
    throw new AppError(ErrorCode.NOT_FOUND, `file ${file.fileId} has no variant "${variant.slice(0, 40)}"`);
  }

  return { key: thumbnailKey(file.sha256!, variant), contentType: 'image/webp' };
}

/** Passes one byte range on to S3; other Range forms are ignored and the whole object is sent, as RFC 9110 allows. */
function parseRange(header: string | undefined): string | undefined {
  const match = header ? SINGLE_RANGE.exec(header.trim()) : null;
  if (!match || (match[1] === '' && match[2] === '')) return undefined;

  return header!.trim();
}

function isInvalidRange(error: unknown): boolean {
  return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 416;
}
