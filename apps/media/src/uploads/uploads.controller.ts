import { All, Controller, Inject, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppError, ErrorCode } from '@messenger/protocol';
import { MEDIA_CONFIG, MediaConfig } from '../config/media.config';
import { FileRecord, MediaFilesRepository } from '../files/media-files.repository';
import { HTTP_STATUS_BY_CODE } from '@messenger/bootstrap';
import { RequestAuthenticator } from '../http/request-authenticator';
import { UploadServer, fileIdFromUploadPath } from './upload-server';
import { uploadContext } from './upload-context';

const TUS_VERSION = '1.0.0';
/**
 * Requests with a body that one user may have open at once. The S3 store
 * holds one of its 60 part permits per open body, so without a cap a few
 * slow requests of one user would stall every other user's uploads.
 */
const MAX_BODIES_PER_USER = 4;
/** A request body that sends nothing for this long is cut off and its permit freed (ms). */
const BODY_IDLE_TIMEOUT_MS = 30_000;

/**
 * The tus endpoints: POST /v1/media/uploads creates an upload, HEAD and
 * PATCH /v1/media/uploads/{fileId} resume and continue it, OPTIONS on both
 * reports the server's tus capabilities. Every request but OPTIONS needs an
 * access token, and only the uploader may touch an upload.
 */
@Controller('v1/media/uploads')
export class UploadsController {
  /** Requests with a body in progress, per user. */
  private readonly openBodies = new Map<string, number>();

  constructor(
    private readonly server: UploadServer,
    private readonly authenticator: RequestAuthenticator,
    private readonly files: MediaFilesRepository,
    @Inject(MEDIA_CONFIG) private readonly config: MediaConfig,
  ) {}

  @All()
  async create(@Req() request: Request, @Res() response: Response): Promise<void> {
    if (request.method === 'OPTIONS') return this.server.handle(request, response);
    if (request.method !== 'POST') return methodNotAllowed(response, 'POST, OPTIONS');
    const claims = await this.authenticator.authenticate(request);
    this.checkDeclaredLength(request);

    const handle = () => uploadContext.run({ userId: claims.userId }, () => this.server.handle(request, response));
    const hasBody = Number(request.header('content-length') ?? 0) > 0 || request.header('transfer-encoding') !== undefined;
    if (!hasBody) return handle();
    // NOTE: @tus/server responds with 404 to a POST whose body completes the file, because processing removes the upload's
    // .info object before the POST handler reads it back. Until that is solved, the last bytes must come by PATCH.
    if (Number(request.header('content-length') ?? 0) >= Number(request.header('upload-length'))) {
      throw new AppError(
        ErrorCode.INVALID_ARGUMENT,
        'a POST may carry only part of the file; send the last bytes with PATCH /v1/media/uploads/{fileId}',
      );
    }
    await this.withBodyPermit(claims.userId, request, handle);
  }

  @All(':fileId')
  async upload(@Param('fileId') rawFileId: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    if (request.method === 'OPTIONS') return this.server.handle(request, response);
    if (request.method !== 'HEAD' && request.method !== 'PATCH') return methodNotAllowed(response, 'HEAD, PATCH, OPTIONS');
    const claims = await this.authenticator.authenticate(request);
    const file = await this.ownedFile(rawFileId, claims.userId);
    if (file.status === 'ready' && request.method === 'HEAD') return finishedUpload(response, file);
    if (file.status !== 'uploading') throw finishedUploadError(file);

    const handle = () => uploadContext.run({ userId: claims.userId }, () => this.server.handle(request, response));
    if (request.method === 'HEAD') return handle();
    await this.withBodyPermit(claims.userId, request, handle);
  }

  /** Runs a request that carries a body within the user's cap, and cuts off a body that stalls. */
  private async withBodyPermit(userId: string, request: Request, handle: () => Promise<void>): Promise<void> {
    const open = this.openBodies.get(userId) ?? 0;
    if (open >= MAX_BODIES_PER_USER) {
      throw new AppError(
        ErrorCode.RATE_LIMITED,
        `at most ${MAX_BODIES_PER_USER} uploads of one user may send data at once; retry when one finishes`,
        1_000,
      );
    }
    this.openBodies.set(userId, open + 1);
    request.setTimeout(BODY_IDLE_TIMEOUT_MS, () => request.destroy(new Error('upload body idle too long')));
    try {
      await handle();
    } finally {
      const left = (this.openBodies.get(userId) ?? 1) - 1;
      if (left > 0) this.openBodies.set(userId, left);
      else this.openBodies.delete(userId);
    }
  }

  /** Requires Upload-Length up front, so that a file over the limit is refused before any byte is stored. */
  private checkDeclaredLength(request: Request): void {
    const declared = request.header('upload-length');
    if (declared === undefined) {
      throw new AppError(ErrorCode.INVALID_ARGUMENT, 'Upload-Length header is required (Upload-Defer-Length is not supported)');
    }
    if (!/^\d{1,16}$/.test(declared)) {
      throw new AppError(ErrorCode.INVALID_ARGUMENT, `Upload-Length must be a non-negative integer, got "${declared.slice(0, 20)}"`);
    }
    const length = Number(declared);
    if (length === 0) throw new AppError(ErrorCode.INVALID_ARGUMENT, 'empty files are not accepted');
    if (length > this.config.maxUploadBytes) {
      throw new AppError(
        ErrorCode.FILE_TOO_LARGE,
        `file is ${length} bytes; the limit is ${this.config.maxUploadBytes} bytes (${formatMebibytes(this.config.maxUploadBytes)})`,
      );
    }
  }

  private async ownedFile(rawFileId: string, userId: string): Promise<FileRecord> {
    const fileId = fileIdFromUploadPath(rawFileId);
    const file = fileId ? await this.files.find(fileId) : undefined;
    if (!file) throw new AppError(ErrorCode.NOT_FOUND, `upload ${rawFileId.slice(0, 40)} not found`);
    if (file.ownerId !== userId) throw new AppError(ErrorCode.PERMISSION_DENIED, 'this upload belongs to another user');

    return file;
  }
}

/** Reports a processed upload to HEAD as a complete tus upload, so that a client resuming after the end stops. */
function finishedUpload(response: Response, file: FileRecord): void {
  response
    .status(200)
    .set({
      'Tus-Resumable': TUS_VERSION,
      'Upload-Offset': String(file.byteSize),
      'Upload-Length': String(file.byteSize),
      'Cache-Control': 'no-store',
    })
    .end();
}

function finishedUploadError(file: FileRecord): AppError {
  if (file.status === 'ready') return new AppError(ErrorCode.FILE_NOT_READY, `upload ${file.fileId} is already complete`);
  const code = (file.rejectCode ?? ErrorCode.FILE_NOT_READY) as ErrorCode;

  return new AppError(
    code in HTTP_STATUS_BY_CODE ? code : ErrorCode.FILE_NOT_READY,
    `upload ${file.fileId} was rejected (${file.rejectCode ?? 'unknown reason'}); upload a new file`,
  );
}

function methodNotAllowed(response: Response, allowed: string): void {
  response
    .status(405)
    .set('Allow', allowed)
    .json({ code: ErrorCode.INVALID_ARGUMENT, message: `method not allowed here; allowed: ${allowed}` });
}

function formatMebibytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;
}
