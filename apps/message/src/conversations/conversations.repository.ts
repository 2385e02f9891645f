import { Inject, Injectable } from '@nestjs/common';
import { CassandraClient, types } from '@messenger/cassandra';
import { CASSANDRA } from '../infrastructure/infrastructure.module';

export interface MemberRow {
  userId: string;
  deliveredSeq: number;
  readSeq: number;
}

export interface ConversationRow {
  conversationId: string;
  kind: string;
  createdAt: number;
}

export function longToNumber(value: types.Long | number | null | undefined): number {
  if (value === null || value === undefined) return 0;

  return typeof value === 'number' ? value : value.toNumber();
}

@Injectable()
export class ConversationsRepository {
  constructor(@Inject(CASSANDRA) private readonly cassandra: CassandraClient) {}

  /** Claims the pair's direct conversation; returns the id that won, ours or an earlier one. */
  async claimDirect(userLow: string, userHigh: string, candidateId: string): Promise<string> {
    const result = await this.cassandra.execute(
      'INSERT INTO direct_conversations (user_low, user_high, conversation_id) VALUES (?, ?, ?) IF NOT EXISTS',
      [userLow, userHigh, candidateId],
    );
    if (result.wasApplied()) return candidateId;

    return result.first().conversation_id.toString();
  }

  /** Writes the conversation, its members and the members' conversation lists; safe to repeat. */
  async create(conversation: ConversationRow, createdBy: string, memberIds: string[]): Promise<void> {
    const createdAt = new Date(conversation.createdAt);
    const queries = [
      {
        query: 'INSERT INTO conversations (conversation_id, kind, created_by, created_at) VALUES (?, ?, ?, ?)',
        params: [conversation.conversationId, conversation.kind, createdBy, createdAt],
      },
      ...memberIds.flatMap((userId) => [
        {
          query: 'INSERT INTO conversation_members (conversation_id, user_id, joined_at) VALUES (?, ?, ?)',
          params: [conversation.conversationId, userId, createdAt],
        },
        {
          query: 'INSERT INTO user_conversations (user_id, conversation_id, kind, joined_at) VALUES (?, ?, ?, ?)',
          params: [userId, conversation.conversationId, conversation.kind, createdAt],
        },
      ]),
    ];
    await this.cassandra.batch(queries, { prepare: true, logged: true });
  }

  async find(conversationId: string): Promise<ConversationRow | undefined> {
    const result = await this.cassandra.execute(
      'SELECT kind, created_at FROM conversations WHERE conversation_id = ?',
      [conversationId],
    );
    const row = result.first();
    if (!row) return undefined;

    return { conversationId, kind: row.kind, createdAt: (row.created_at as Date).getTime() };
  }

  async findMembers(conversationId: string): Promise<MemberRow[]> {
    const result = await this.cassandra.execute(
      'SELECT user_id, delivered_seq, read_seq FROM conversation_members WHERE conversation_id = ?',
      [conversationId],
    );

    return result.rows.map((row) => ({
      userId: row.user_id.toString(),
      deliveredSeq: longToNumber(row.delivered_seq),
      readSeq: longToNumber(row.read_seq),
    }));
  }

  async findMember(conversationId: string, userId: string): Promise<MemberRow | undefined> {
    const result = await this.cassandra.execute(
      'SELECT delivered_seq, read_seq FROM conversation_members WHERE conversation_id = ? AND user_id = ?',
      [conversationId, userId],
    );
    const row = result.first();
    if (!row) return undefined;

    return { userId, deliveredSeq: longToNumber(row.delivered_seq), readSeq: longToNumber(row.read_seq) };
  }

  async listConversationIds(userId: string): Promise<string[]> {
    const ids: string[] = [];
    let pageState: string | undefined;
    do {
      const result = await this.cassandra.execute(
        'SELECT conversation_id FROM user_conversations WHERE user_id = ?',
        [userId],
        { prepare: true, fetchSize: 1000, pageState },
      );
      for (const row of result.rows) ids.push(row.conversation_id.toString());
      pageState = result.pageState ?? undefined;
    } while (pageState);

    return ids;
  }
}
