import { Inject, Injectable } from '@nestjs/common';
import { CassandraClient, types } from '@messenger/cassandra';
import type { WireAttachment } from '@messenger/protocol';
import { longToNumber } from '../conversations/conversations.repository';
import { CASSANDRA } from '../infrastructure/infrastructure.module';
import { StoredMessage } from './stored-message';

export interface ClientIdRecord {
  seq: number;
  messageId: string;
  /** When the record was last written (Unix ms): the age of its claim. */
  writtenAt: number;
}

const MESSAGE_COLUMNS = 'seq, message_id, sender_id, sender_device_id, client_message_id, body, created_at, attachments';

@Injectable()
export class MessagesRepository {
  constructor(@Inject(CASSANDRA) private readonly cassandra: CassandraClient) {}

  async findClientId(conversationId: string, senderId: string, clientMessageId: string): Promise<ClientIdRecord | undefined> {
    const result = await this.cassandra.execute(
      `SELECT seq, message_id, writetime(message_id) AS written_at FROM message_client_ids
       WHERE conversation_id = ? AND sender_id = ? AND client_message_id = ?`,
      [conversationId, senderId, clientMessageId],
    );
    const row = result.first();
    if (!row) return undefined;

    return {
      seq: longToNumber(row.seq),
      messageId: row.message_id.toString(),
      writtenAt: Math.floor(longToNumber(row.written_at) / 1000),
    };
  }

  /**
   * Claims a client message id for one writer, recording the seq its message
   * is expected to get; false when another writer claimed it first.
   */
  async claimClientId(
    conversationId: string,
    senderId: string,
    clientMessageId: string,
    messageId: string,
    expectedSeq: number,
  ): Promise<boolean> {
    const result = await this.cassandra.execute(
      `INSERT INTO message_client_ids (conversation_id, sender_id, client_message_id, seq, message_id)
       VALUES (?, ?, ?, ?, ?) IF NOT EXISTS`,
      [conversationId, senderId, clientMessageId, expectedSeq, messageId],
    );

    return result.wasApplied();
  }

  async saveClientId(message: StoredMessage): Promise<void> {
    await this.cassandra.execute(
      `INSERT INTO message_client_ids (conversation_id, sender_id, client_message_id, seq, message_id)
       VALUES (?, ?, ?, ?, ?)`,
      [message.conversationId, message.senderId, message.clientMessageId, message.seq, message.messageId],
    );
  }

  /** Returns the conversation's sequence counter, 0 before its first message. */
  async findLastSeq(conversationId: string): Promise<number> {
    const result = await this.cassandra.execute('SELECT last_seq FROM messages WHERE conversation_id = ? LIMIT 1', [
      conversationId,
    ]);

    return longToNumber(result.first()?.last_seq);
  }

  /**
   * Appends messages whose seq follow expectedLastSeq, in one conditional
   * batch on the conversation's partition. Returns the counter's current value
   * when another writer moved it first and nothing was written.
   */
  async append(
    conversationId: string,
    expectedLastSeq: number,
    messages: StoredMessage[],
  ): Promise<{ applied: boolean; lastSeq: number }> {
    const newLastSeq = expectedLastSeq + messages.length;
    const queries = [
      {
        query: 'UPDATE messages SET last_seq = ? WHERE conversation_id = ? IF last_seq = ?',
        params: [newLastSeq, conversationId, expectedLastSeq === 0 ? null : expectedLastSeq],
      },
      ...messages.map((message) => ({
        query: `INSERT INTO messages (conversation_id, ${MESSAGE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        params: [
          conversationId,
          message.seq,
          message.messageId,
          message.senderId,
          message.senderDeviceId,
          message.clientMessageId,
          message.body,
          new Date(message.createdAt),
          toAttachmentRows(message.attachments ?? []),
        ],
      })),
    ];
    const result = await this.cassandra.batch(queries, { prepare: true });
    if (result.wasApplied()) return { applied: true, lastSeq: newLastSeq };

    return { applied: false, lastSeq: longToNumber(result.first()?.last_seq) };
  }

  async findBySeq(conversationId: string, seq: number): Promise<StoredMessage | undefined> {
    const result = await this.cassandra.execute(
      `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? AND seq = ?`,
      [conversationId, seq],
    );
    const row = result.first();

    return row && row.message_id ? toMessage(conversationId, row) : undefined;
  }

  /** Oldest first, strictly after afterSeq. */
  async findAfter(conversationId: string, afterSeq: number, limit: number): Promise<StoredMessage[]> {
    const result = await this.cassandra.execute(
      `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? AND seq > ? ORDER BY seq ASC LIMIT ?`,
      [conversationId, afterSeq, limit],
    );

    return result.rows.filter((row) => row.message_id).map((row) => toMessage(conversationId, row));
  }

  /** Newest first, strictly before beforeSeq, or from the newest when beforeSeq is 0. */
  async findBefore(conversationId: string, beforeSeq: number, limit: number): Promise<StoredMessage[]> {
    const result =
      beforeSeq > 0
        ? await this.cassandra.execute(
            `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? AND seq < ? LIMIT ?`,
            [conversationId, beforeSeq, limit],
          )
        : await this.cassandra.execute(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? LIMIT ?`, [
            conversationId,
            limit,
          ]);

    return result.rows.filter((row) => row.message_id).map((row) => toMessage(conversationId, row));
  }
}

function toMessage(conversationId: string, row: types.Row): StoredMessage {
  return {
    conversationId,
    seq: longToNumber(row.seq),
    messageId: row.message_id.toString(),
    senderId: row.sender_id.toString(),
    senderDeviceId: row.sender_device_id ?? '',
    clientMessageId: row.client_message_id ?? '',
    body: row.body ?? '',
    createdAt: (row.created_at as Date).getTime(),
    attachments: toAttachments(row.attachments),
  };
}

interface AttachmentRow {
  file_id: types.Uuid;
  content_type: string;
  byte_size: types.Long;
  name: string | null;
  width: number | null;
  height: number | null;
  thumbnails: { variant: string; width: number; height: number }[] | null;
}

/** Encodes attachments as message_attachment values; null for none, which Cassandra stores as no cell. */
function toAttachmentRows(attachments: WireAttachment[]): object[] | null {
  if (attachments.length === 0) return null;

  return attachments.map((attachment) => ({
    file_id: attachment.fileId,
    content_type: attachment.type,
    byte_size: types.Long.fromNumber(attachment.size),
    name: attachment.name ?? null,
    width: attachment.width ?? null,
    height: attachment.height ?? null,
    thumbnails: attachment.thumbnails,
  }));
}

function toAttachments(value: unknown): WireAttachment[] {
  return ((value ?? []) as AttachmentRow[]).map((row) => {
    const attachment: WireAttachment = {
      fileId: row.file_id.toString(),
      type: row.content_type,
      size: longToNumber(row.byte_size),
      thumbnails: (row.thumbnails ?? []).map(({ variant, width, height }) => ({ variant, width, height })),
    };
    if (row.name) attachment.name = row.name;
    if (row.width && row.height) {
      attachment.width = row.width;
      attachment.height = row.height;
    }

    return attachment;
  });
}
