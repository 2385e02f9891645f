import { Inject, Injectable } from '@nestjs/common';
import { EventPublisher, Topics } from '@messenger/kafka';
import { LOGGER, Logger } from '@messenger/logging';
import { serviceMetrics } from '@messenger/observability';
import { AppError, ErrorCode } from '@messenger/protocol';
import { DeliveryRouter } from '@messenger/routing';
import { ConversationsRepository, MemberRow } from '../conversations/conversations.repository';
import { ConversationsService, requireUuid } from '../conversations/conversations.service';
import { MessageWriter } from '../messages/message-writer';
import { MessagesRepository } from '../messages/messages.repository';
import { requireDeviceId } from '../messages/messages.service';
import { ReceiptsRepository } from './receipts.repository';

export type ReceiptKind = 'delivered' | 'read';

export interface ReceiptUpdate {
  userId: string;
  deviceId: string;
  conversationId: string;
  kind: ReceiptKind;
  seq: number;
}

export interface SyncPosition {
  conversationId: string;
  lastSeq: number;
  ackedSeq: number;
}

@Injectable()
export class ReceiptsService {
  private readonly receiptsCounter = serviceMetrics().counter('receipts_total', 'Receipts received', [
    'kind',
    'outcome',
  ]);

  constructor(
    private readonly conversations: ConversationsService,
    private readonly conversationRows: ConversationsRepository,
    private readonly messages: MessagesRepository,
    private readonly writer: MessageWriter,
    private readonly receipts: ReceiptsRepository,
    private readonly router: DeliveryRouter,
    private readonly events: EventPublisher,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Records that a device received (delivered) or its user read everything up
   * to seq. Reading implies delivery. When the member's position moves
   * forward, every member's gateways get the new positions.
   */
  async update(update: ReceiptUpdate): Promise<MemberRow> {
    const userId = requireUuid(update.userId, 'user_id');
    const conversationId = requireUuid(update.conversationId, 'conversation_id');
    requireDeviceId(update.deviceId);
    if (!Number.isSafeInteger(update.seq) || update.seq < 1) {
      throw new AppError(ErrorCode.INVALID_ARGUMENT, `seq must be a positive integer, got ${update.seq}`);
    }
    const memberIds = await this.conversations.requireMember(conversationId, userId);
    // Receipts mostly follow messages that this process stored, so their counter is cached. Others cost a read.
    const knownLastSeq = this.writer.knownLastSeq(conversationId);
    const [lastSeq, before] = await Promise.all([
      update.seq <= knownLastSeq ? knownLastSeq : this.messages.findLastSeq(conversationId),
      this.conversationRows.findMember(conversationId, userId),
    ]);
    if (update.seq > lastSeq) {
      throw new AppError(
        ErrorCode.INVALID_ARGUMENT,
        `seq ${update.seq} is beyond the last message ${lastSeq} of conversation ${conversationId}`,
      );
    }

    const readSeq = update.kind === 'read' ? update.seq : 0;
    const previous = before ?? { userId, deliveredSeq: 0, readSeq: 0 };
    const after: MemberRow = {
      userId,
      deliveredSeq: Math.max(previous.deliveredSeq, update.seq),
      readSeq: Math.max(previous.readSeq, readSeq),
    };
    const advanced = after.deliveredSeq > previous.deliveredSeq || after.readSeq > previous.readSeq;

    await this.receipts.advance(
      { userId, deviceId: update.deviceId, conversationId, seq: update.seq },
      advanced ? { deliveredSeq: update.seq, readSeq } : undefined,
    );
    this.receiptsCounter.inc({ kind: update.kind, outcome: advanced ? 'advanced' : 'unchanged' });
    if (advanced) this.announce(conversationId, memberIds, after, update.deviceId);

    return after;
  }

  /**
   * Returns the positions from which a device resumes: what it acknowledged.
   * A device seen for the first time starts at its user's delivered position
   * (other devices got those messages), and that start is stored as its
   * cursor, so that its own sends cannot move it later. A known device starts
   * a conversation it has no cursor for at 0.
   */
  async syncState(userId: string, deviceId: string): Promise<SyncPosition[]> {
    const user = requireUuid(userId, 'user_id');
    requireDeviceId(deviceId);
    const [conversationIds, cursors] = await Promise.all([
      this.conversationRows.listConversationIds(user),
      this.receipts.findDeviceCursors(user, deviceId),
    ]);
    const knownDevice = cursors.size > 0;

    return Promise.all(
      conversationIds.map(async (conversationId) => {
        const lastSeq = await this.messages.findLastSeq(conversationId);
        let ackedSeq = cursors.get(conversationId);
        if (ackedSeq === undefined) {
          const member = knownDevice ? undefined : await this.conversationRows.findMember(conversationId, user);
          ackedSeq = Math.min(member?.deliveredSeq ?? 0, lastSeq);
          await this.receipts.advanceDevice(user, deviceId, conversationId, ackedSeq);
        }

        return { conversationId, lastSeq, ackedSeq: Math.min(ackedSeq, lastSeq) };
      }),
    );
  }

  private announce(conversationId: string, memberIds: readonly string[], member: MemberRow, deviceId: string): void {
    const receipt = { conversationId, userId: member.userId, deliveredSeq: member.deliveredSeq, readSeq: member.readSeq };
    this.router.route([...memberIds], { kind: 'receipt', receipt }).catch((error: unknown) => {
      this.logger.error({ conversationId, userId: member.userId, err: error }, 'receipt routing failed');
    });
    this.events.publishInBackground(Topics.receiptUpdated, conversationId, { ...receipt, deviceId, at: Date.now() });
  }
}
