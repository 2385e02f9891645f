import { Inject, Injectable } from '@nestjs/common';
import { CassandraClient, types } from '@messenger/cassandra';
import { CASSANDRA } from '../infrastructure/injection-tokens';

export type FileStatus = 'uploading' | 'ready' | 'rejected';

export interface ThumbnailRecord {
  /** "thumbnail-<edge>", where edge is the longest side it was fitted into. */
  variant: string;
  width: number;
  height: number;
  byteSize: number;
}

/** Content that one or more files point at, stored once under its SHA-256. */
export interface BlobRecord {
  sha256: string;
  objectKey: string;
  byteSize: number;
  contentType: string;
  width?: number;
  height?: number;
  thumbnails: ThumbnailRecord[];
}

export interface FileRecord {
  fileId: string;
  ownerId: string;
  status: FileStatus;
  /** Error code of a rejected upload. */
  rejectCode?: string;
  /** Sanitised display name; "" when none was given. */
  name: string;
  byteSize: number;
  contentType?: string;
  sha256?: string;
  width?: number;
  height?: number;
  thumbnails: ThumbnailRecord[];
  createdAt: number;
}

const FILE_COLUMNS =
  'file_id, owner_id, status, reject_code, name, byte_size, content_type, sha256, width, height, thumbnails, created_at';

@Injectable()
export class MediaFilesRepository {
  constructor(@Inject(CASSANDRA) private readonly cassandra: CassandraClient) {}

  async createUpload(fileId: string, ownerId: string, name: string, byteSize: number): Promise<void> {
    await this.cassandra.execute(
      `INSERT INTO media_files (file_id, owner_id, status, name, byte_size, created_at)
       VALUES (?, ?, 'uploading', ?, ?, ?)`,
      [fileId, ownerId, name, byteSize, new Date()],
    );
  }

  async find(fileId: string): Promise<FileRecord | undefined> {
    const result = await this.cassandra.execute(`SELECT ${FILE_COLUMNS} FROM media_files WHERE file_id = ?`, [fileId]);
    const row = result.first();

    return row ? toFile(row) : undefined;
  }

  async findMany(fileIds: string[]): Promise<Map<string, FileRecord>> {
    const result = await this.cassandra.execute(`SELECT ${FILE_COLUMNS} FROM media_files WHERE file_id IN ?`, [fileIds]);

    return new Map(result.rows.map((row) => [row.file_id.toString(), toFile(row)]));
  }

  /** Points the file at its content and marks it ready for download. */
  async markReady(fileId: string, blob: BlobRecord): Promise<void> {
    await this.cassandra.execute(
      `UPDATE media_files SET status = 'ready', byte_size = ?, content_type = ?, sha256 = ?, width = ?, height = ?,
       thumbnails = ?, completed_at = ? WHERE file_id = ?`,
      [
        blob.byteSize,
        blob.contentType,
        blob.sha256,
        blob.width ?? null,
        blob.height ?? null,
        blob.thumbnails.map(toThumbnailRow),
        new Date(),
        fileId,
      ],
    );
  }

  async markRejected(fileId: string, code: string): Promise<void> {
    await this.cassandra.execute(
      `UPDATE media_files SET status = 'rejected', reject_code = ?, completed_at = ? WHERE file_id = ?`,
      [code, new Date(), fileId],
    );
  }

  async findBlob(sha256: string): Promise<BlobRecord | undefined> {
    const result = await this.cassandra.execute(
      'SELECT sha256, object_key, byte_size, content_type, width, height, thumbnails FROM media_blobs WHERE sha256 = ?',
      [sha256],
    );
    const row = result.first();
    if (!row) return undefined;

    return {
      sha256: row.sha256,
      objectKey: row.object_key,
      byteSize: toNumber(row.byte_size),
      contentType: row.content_type,
      width: row.width ?? undefined,
      height: row.height ?? undefined,
      thumbnails: toThumbnails(row.thumbnails),
    };
  }

  /** Records content whose objects are all stored. Concurrent saves of one digest write the same values. */
  async saveBlob(blob: BlobRecord): Promise<void> {
    await this.cassandra.execute(
      `INSERT INTO media_blobs (sha256, object_key, byte_size, content_type, width, height, thumbnails, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        blob.sha256,
        blob.objectKey,
        blob.byteSize,
        blob.contentType,
        blob.width ?? null,
        blob.height ?? null,
        blob.thumbnails.map(toThumbnailRow),
        new Date(),
      ],
    );
  }

  async addShares(fileIds: string[], conversationId: string, sharedBy: string): Promise<void> {
    const sharedAt = new Date();
    const queries = fileIds.map((fileId) => ({
      query: 'INSERT INTO media_file_shares (file_id, conversation_id, shared_by, shared_at) VALUES (?, ?, ?, ?)',
      params: [fileId, conversationId, sharedBy, sharedAt],
    }));
    await this.cassandra.batch(queries, { prepare: true, logged: true });
  }

  /** Returns the conversations in which the file was shared, at most limit of them. */
  async findShareConversations(fileId: string, limit: number): Promise<string[]> {
    const result = await this.cassandra.execute(
      'SELECT conversation_id FROM media_file_shares WHERE file_id = ? LIMIT ?',
      [fileId, limit],
    );

    return result.rows.map((row) => row.conversation_id.toString());
  }
}

function toFile(row: types.Row): FileRecord {
  return {
    fileId: row.file_id.toString(),
    ownerId: row.owner_id.toString(),
    status: row.status as FileStatus,
    rejectCode: row.reject_code ?? undefined,
    name: row.name ?? '',
    byteSize: toNumber(row.byte_size),
    contentType: row.content_type ?? undefined,
    sha256: row.sha256 ?? undefined,
    width: row.width ?? undefined,
    height: row.height ?? undefined,
    thumbnails: toThumbnails(row.thumbnails),
    createdAt: (row.created_at as Date).getTime(),
  };
}

function toThumbnails(value: unknown): ThumbnailRecord[] {
  const rows = (value ?? []) as { variant: string; width: number; height: number; byte_size: types.Long | number }[];

  return rows.map((row) => ({ variant: row.variant, width: row.width, height: row.height, byteSize: toNumber(row.byte_size) }));
}

function toThumbnailRow(thumbnail: ThumbnailRecord) {
  return {
    variant: thumbnail.variant,
    width: thumbnail.width,
    height: thumbnail.height,
    byte_size: types.Long.fromNumber(thumbnail.byteSize),
  };
}

function toNumber(value: types.Long | number | null | undefined): number {
  if (value === null || value === undefined) return 0;

  return typeof value === 'number' ? value : value.toNumber();
}
