import { Inject, Injectable } from '@nestjs/common';
import { mediaV1 } from '@messenger/grpc';
import { LOGGER, Logger } from '@messenger/logging';
import { AppError, ErrorCode, MAX_ATTACHMENTS } from '@messenger/protocol';
import { requireFileId } from '../files/file-access';
import { FileRecord, MediaFilesRepository } from '../files/media-files.repository';

export interface AttachRequest {
  userId: string;
  conversationId: string;
  fileIds: string[];
}

/** Checks files for a message and records the conversation they are sent in, which lets its members download them. */
@Injectable()
export class AttachmentsService {
  constructor(
    private readonly files: MediaFilesRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async attach(request: AttachRequest): Promise<mediaV1.Attachment[]> {
    const userId = requireUuid(request.userId, 'user_id');
    const conversationId = requireUuid(request.conversationId, 'conversation_id');
    const fileIds = request.fileIds.map((fileId) => requireFileId(fileId));
    if (fileIds.length === 0 || fileIds.length > MAX_ATTACHMENTS) {
      throw new AppError(ErrorCode.INVALID_ARGUMENT, `file_ids must list 1-${MAX_ATTACHMENTS} files, got ${fileIds.length}`);
    }
    if (new Set(fileIds).size !== fileIds.length) {
      throw new AppError(ErrorCode.INVALID_ARGUMENT, 'file_ids lists a file more than once');
    }

    const found = await this.files.findMany(fileIds);
    const files = fileIds.map((fileId) => requireAttachable(found.get(fileId), fileId, userId));
    await this.files.addShares(fileIds, conversationId, userId);
    this.logger.debug({ userId, conversationId, fileIds }, 'files shared');

    return files.map(toAttachment);
  }
}

function requireAttachable(file: FileRecord | undefined, fileId: string, userId: string): FileRecord {
  if (!file) throw new AppError(ErrorCode.NOT_FOUND, `file ${fileId} not found`);
  if (file.ownerId !== userId) throw new AppError(ErrorCode.PERMISSION_DENIED, `file ${fileId} belongs to another user`);
  if (file.status !== 'ready') {
    throw new AppError(ErrorCode.FILE_NOT_READY, `file ${fileId} is ${file.status}; only a fully uploaded, accepted file can be sent`);
  }

  return file;
}

function toAttachment(file: FileRecord): mediaV1.Attachment {
  return {
    fileId: file.fileId,
    type: file.contentType,
    size: file.byteSize,
    name: file.name,
    width: file.width ?? 0,
    height: file.height ?? 0,
    thumbnails: file.thumbnails.map(({ variant, width, height }) => ({ variant, width, height })),
  };
}

function requireUuid(value: string, field: string): string {
  try {
    return requireFileId(value);
  } catch {
    throw new AppError(ErrorCode.INVALID_ARGUMENT, `${field} must be a UUID, got "${value.slice(0, 40)}"`);
  }
}
