import { Injectable } from '@nestjs/common';
import { serviceMetrics } from '@messenger/observability';
import { TYPING_TTL_MS, WireTyping } from '@messenger/protocol';
import { DeliveryRouter } from '@messenger/routing';
import { ConversationsService, requireUuid } from '../conversations/conversations.service';
import { TypingGate } from './typing-gate';

export interface TypingUpdate {
  userId: string;
  conversationId: string;
  active: boolean;
}

/**
 * Sends typing states to the other members' gateways. Nothing is stored: a
 * member who is not connected never receives the state, and recipients drop an
 * active state at expiresAt unless a newer one arrives.
 */
@Injectable()
export class TypingService {
  private readonly routed = serviceMetrics().counter('typing_events_total', 'Typing states sent on to members', ['active']);

  constructor(
    private readonly conversations: ConversationsService,
    private readonly router: DeliveryRouter,
    private readonly gate: TypingGate,
  ) {}

  /** Checks membership, then forwards the state unless TypingGate drops it as a repeat. */
  async send(update: TypingUpdate): Promise<WireTyping> {
    const userId = requireUuid(update.userId, 'user_id');
    const conversationId = requireUuid(update.conversationId, 'conversation_id');
    const memberIds = await this.conversations.requireMember(conversationId, userId);
    const typing: WireTyping = {
      conversationId,
      userId,
      active: update.active,
      ttlMs: TYPING_TTL_MS,
      expiresAt: Date.now() + TYPING_TTL_MS,
    };
    if (!(await this.gate.admit(conversationId, userId, update.active))) return typing;

    const recipients = memberIds.filter((memberId) => memberId !== userId);
    await this.router.route(recipients, { kind: 'typing', typing });
    this.routed.inc({ active: String(update.active) });

    return typing;
  }
}
