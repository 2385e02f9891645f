import { Inject, Injectable } from '@nestjs/common';
import { MediaClient, toWireAttachment } from '@messenger/grpc';
import { EventPublisher, Topics } from '@messenger/kafka';
import { LOGGER, Logger } from '@messenger/logging';
import { serviceMetrics } from '@messenger/observability';
import {
  AppError,
  ErrorCode,
  MAX_ATTACHMENTS,
  MAX_BODY_LENGTH,
  MAX_HISTORY_PAGE,
  WireAttachment,
  isWellFormed,
} from '@messenger/protocol';
import { DeliveryRouter } from '@messenger/routing';
import { ConversationsService, requireUuid } from '../conversations/conversations.service';
import { MEDIA_CLIENT } from '../infrastructure/infrastructure.module';
import { ReceiptsRepository } from '../receipts/receipts.repository';
import { MessageWriter, NewMessage, WriteResult } from './message-writer';
import { MessagesRepository } from './messages.repository';
import { StoredMessage } from './stored-message';

const CLIENT_MESSAGE_ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;
const DEVICE_ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;
const DEFAULT_HISTORY_PAGE = 50;

/** A send as the gateway requests it: the attachments are file ids that the media service resolves. */
export type SendRequest = Omit<NewMessage, 'attachments'> & { attachmentFileIds?: string[] };

export interface HistoryQuery {
  userId: string;
  conversationId: string;
  beforeSeq: number;
  afterSeq: number;
  forward: boolean;
  limit: number;
}

export interface HistoryPage {
  messages: StoredMessage[];
  hasMore: boolean;
  lastSeq: number;
}

function requireAttachmentIds(fileIds: string[]): string[] {
  if (fileIds.length > MAX_ATTACHMENTS) {
    throw new AppError(ErrorCode.INVALID_ARGUMENT, `a message carries at most ${MAX_ATTACHMENTS} attachments, got ${fileIds.length}`);
  }
  const normalized = fileIds.map((fileId) => requireUuid(fileId, 'attachment_file_ids'));
  if (new Set(normalized).size !== normalized.length) {
    throw new AppError(ErrorCode.INVALID_ARGUMENT, 'attachment_file_ids lists a file more than once');
  }

  return normalized;
}

export function requireDeviceId(deviceId: string): string {
  if (!DEVICE_ID_PATTERN.test(deviceId)) {
    throw new AppError(ErrorCode.INVALID_ARGUMENT, 'device_id must be 1-64 characters of A-Z a-z 0-9 . _ : -');
  }

  return deviceId;
}

@Injectable()
export class MessagesService {
  private readonly stored = serviceMetrics().counter('messages_stored_total', 'Messages stored', ['outcome']);

  constructor(
    private readonly conversations: ConversationsService,
    private readonly writer: MessageWriter,
    private readonly messages: MessagesRepository,
    private readonly receipts: ReceiptsRepository,
    private readonly router: DeliveryRouter,
    private readonly events: EventPublisher,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(MEDIA_CLIENT) private readonly media: MediaClient,
  ) {}

  /**
   * Stores a message and returns it once the write is durable, then hands it
   * to the members' gateways. A known client message id returns the original
   * message and routes it again, for recipients that missed it. Attached
   * files are checked and shared through the media service before the write.
   */
  async send(request: SendRequest): Promise<WriteResult> {
    const senderId = requireUuid(request.senderId, 'user_id');
    const conversationId = requireUuid(request.conversationId, 'conversation_id');
    requireDeviceId(request.senderDeviceId);
    if (!CLIENT_MESSAGE_ID_PATTERN.test(request.clientMessageId)) {
      throw new AppError(ErrorCode.INVALID_ARGUMENT, 'client_message_id must be 1-64 characters of A-Z a-z 0-9 . _ : -');
    }
    const fileIds = requireAttachmentIds(request.attachmentFileIds ?? []);
    const minLength = fileIds.length > 0 ? 0 : 1;
    if (request.body.length < minLength || request.body.length > MAX_BODY_LENGTH) {
      throw new AppError(ErrorCode.INVALID_ARGUMENT, `body must be ${minLength}-${MAX_BODY_LENGTH} characters long`);
    }
    if (!isWellFormed(request.body)) {
      throw new AppError(ErrorCode.INVALID_ARGUMENT, 'body contains an unpaired surrogate');
    }
    const memberIds = await this.conversations.requireMember(conversationId, senderId);
    // NOTE: AttachFiles records the shares before the write, so a repeated clientMessageId that adds files, or a
    // failed write, shares the sender's files with the conversation although no message carries them.
    const attachments = await this.attach(senderId, conversationId, fileIds);

    const { attachmentFileIds: _fileIds, ...message } = request;
    const result = await this.writer.write({ ...message, senderId, conversationId, attachments });
    this.stored.inc({ outcome: result.duplicate ? 'duplicate' : 'new' });
    this.afterStore(result, memberIds);

    return result;
  }

  /** Resolves file ids to their metadata; the media service rejects files that are not the sender's or not ready. */
  private async attach(senderId: string, conversationId: string, fileIds: string[]): Promise<WireAttachment[]> {
    if (fileIds.length === 0) return [];
    const { attachments } = await this.media.AttachFiles({ userId: senderId, conversationId, fileIds });

    return attachments.map(toWireAttachment);
  }

  async history(query: HistoryQuery): Promise<HistoryPage> {
    const userId = requireUuid(query.userId, 'user_id');
    const conversationId = requireUuid(query.conversationId, 'conversation_id');
    await this.conversations.requireMember(conversationId, userId);
    const limit = query.limit === 0 ? DEFAULT_HISTORY_PAGE : query.limit;
    if (limit < 1 || limit > MAX_HISTORY_PAGE) {
      throw new AppError(ErrorCode.INVALID_ARGUMENT, `limit must be between 1 and ${MAX_HISTORY_PAGE}, got ${limit}`);
    }
    if (query.beforeSeq < 0 || query.afterSeq < 0) {
      throw new AppError(ErrorCode.INVALID_ARGUMENT, 'before_seq and after_seq must not be negative');
    }

    const [page, lastSeq] = await Promise.all([
      query.forward
        ? this.messages.findAfter(conversationId, query.afterSeq, limit + 1)
        : this.messages.findBefore(conversationId, query.beforeSeq, limit + 1),
      this.messages.findLastSeq(conversationId),
    ]);

    return { messages: page.slice(0, limit), hasMore: page.length > limit, lastSeq };
  }

  /** Routes, records the sender's own positions and publishes the event, without delaying the reply. */
  private afterStore(result: WriteResult, memberIds: readonly string[]): void {
    const message = result.message;
    this.router.route([...memberIds], { kind: 'message', message, storedAt: Date.now() }).catch((error: unknown) => {
      this.logger.error({ conversationId: message.conversationId, seq: message.seq, err: error }, 'message routing failed');
    });
    if (result.duplicate) return;

    // Sending implies having read everything before, so the sender's member positions move to the new
    // seq and a receipt goes to the members, because a later read of an older message no longer moves
    // them. The device cursor stays put, since the device may not have received earlier messages yet.
    this.receipts
      .advanceMember(message.conversationId, message.senderId, message.seq, message.seq)
      .then(() => {
        const receipt = {
          conversationId: message.conversationId,
          userId: message.senderId,
          deliveredSeq: message.seq,
          readSeq: message.seq,
        };

        return this.router.route([...memberIds], { kind: 'receipt', receipt });
      })
      .catch((error: unknown) => {
        this.logger.warn({ conversationId: message.conversationId, err: error }, 'recording sender position failed');
      });
    this.events.publishInBackground(Topics.messageCreated, message.conversationId, {
      messageId: message.messageId,
      conversationId: message.conversationId,
      seq: message.seq,
      senderId: message.senderId,
      memberIds: [...memberIds],
      createdAt: message.createdAt,
    });
  }
}
