import { Inject, Injectable } from '@nestjs/common';
import { CassandraClient } from '@messenger/cassandra';
import { longToNumber } from '../conversations/conversations.repository';
import { CASSANDRA } from '../infrastructure/infrastructure.module';

/**
 * Positions are written with the sequence number as the cell's write
 * timestamp. Cassandra keeps the value with the highest timestamp, so a
 * position only moves forward, whatever order receipts arrive in, without a
 * read or a lightweight transaction. These cells must never be written with a
 * wall-clock timestamp.
 */
@Injectable()
export class ReceiptsRepository {
  constructor(@Inject(CASSANDRA) private readonly cassandra: CassandraClient) {}

  async advanceDevice(userId: string, deviceId: string, conversationId: string, ackedSeq: number): Promise<void> {
    await this.advance({ userId, deviceId, conversationId, seq: ackedSeq });
  }

  /** Raises delivered_seq and, when readSeq is above 0, read_seq. */
  async advanceMember(conversationId: string, userId: string, deliveredSeq: number, readSeq: number): Promise<void> {
    await this.cassandra.batch(memberQueries(conversationId, userId, deliveredSeq, readSeq), {
      prepare: true,
      logged: false,
    });
  }

  /**
   * Raises a device's cursor and, when given, its user's member positions, in
   * one request. Each position only moves forward on its own, so the batch
   * needs no log.
   */
  async advance(
    device: { userId: string; deviceId: string; conversationId: string; seq: number },
    member?: { deliveredSeq: number; readSeq: number },
  ): Promise<void> {
    const { userId, deviceId, conversationId, seq } = device;
    const queries = [
      {
        query: `UPDATE device_cursors USING TIMESTAMP ? SET acked_seq = ?
                WHERE user_id = ? AND device_id = ? AND conversation_id = ?`,
        params: [seq, seq, userId, deviceId, conversationId],
      },
      ...(member ? memberQueries(conversationId, userId, member.deliveredSeq, member.readSeq) : []),
    ];
    await this.cassandra.batch(queries, { prepare: true, logged: false });
  }

  async findDeviceCursors(userId: string, deviceId: string): Promise<Map<string, number>> {
    const result = await this.cassandra.execute(
      'SELECT conversation_id, acked_seq FROM device_cursors WHERE user_id = ? AND device_id = ?',
      [userId, deviceId],
      { prepare: true, fetchSize: 5000 },
    );

    return new Map(result.rows.map((row) => [row.conversation_id.toString(), longToNumber(row.acked_seq)]));
  }
}

function memberQueries(conversationId: string, userId: string, deliveredSeq: number, readSeq: number) {
  const queries = [
    {
      query: `UPDATE conversation_members USING TIMESTAMP ? SET delivered_seq = ?
              WHERE conversation_id = ? AND user_id = ?`,
      params: [deliveredSeq, deliveredSeq, conversationId, userId] as unknown[],
    },
  ];
  if (readSeq > 0) {
    queries.push({
      query: `UPDATE conversation_members USING TIMESTAMP ? SET read_seq = ?
              WHERE conversation_id = ? AND user_id = ?`,
      params: [readSeq, readSeq, conversationId, userId],
    });
  }

  return queries;
}
