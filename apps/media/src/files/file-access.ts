import { Inject, Injectable } from '@nestjs/common';
import { MessageClient } from '@messenger/grpc';
import { AppError, ErrorCode } from '@messenger/protocol';
import { MESSAGE_CLIENT } from '../infrastructure/injection-tokens';
import { FileRecord, MediaFilesRepository } from './media-files.repository';

/** Conversations of a file checked per request; a file shared more widely is checked in its first ones only. */
const MAX_CHECKED_SHARES = 100;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function requireFileId(raw: string): string {
  if (!UUID_PATTERN.test(raw)) {
    throw new AppError(ErrorCode.INVALID_ARGUMENT, `file id must be a UUID, got "${raw.slice(0, 40)}"`);
  }

  return raw.toLowerCase();
}

/**
 * Decides who may read a file: its owner, and the current members of any
 * conversation in which it was sent. Membership is asked from the message
 * service at each request, so a member who leaves loses access.
 */
@Injectable()
export class FileAccess {
  constructor(
    private readonly files: MediaFilesRepository,
    @Inject(MESSAGE_CLIENT) private readonly messages: MessageClient,
  ) {}

  async requireReadable(rawFileId: string, userId: string): Promise<FileRecord> {
    const fileId = requireFileId(rawFileId);
    const file = await this.files.find(fileId);
    if (!file) throw new AppError(ErrorCode.NOT_FOUND, `file ${fileId} not found`);
    if (file.ownerId === userId) return file;

    const shared = await this.files.findShareConversations(fileId, MAX_CHECKED_SHARES);
    if (shared.length > 0) {
      const { conversationIds } = await this.messages.FilterMemberConversations({ userId, conversationIds: shared });
      if (conversationIds.length > 0) return file;
    }
    // A stranger gets the same error whatever the upload's status, so it reveals nothing about the file.
    throw new AppError(ErrorCode.NOT_A_MEMBER, `file ${fileId} was not shared in a conversation of yours`);
  }
}
