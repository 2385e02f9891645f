import { Inject, Injectable } from '@nestjs/common';
import type { CassandraClient } from '@messenger/cassandra';
import { CASSANDRA } from '../injection-tokens';

export interface UserRecord {
  userId: string;
  username: string;
}

export interface UserCredentials extends UserRecord {
  passwordHash: string;
}

/**
 * Accounts in Cassandra (deploy/cassandra/migrations/001_users.cql):
 * users_by_username is the unique index, claimed with a lightweight
 * transaction; users is the lookup by id.
 */
@Injectable()
export class UsersRepository {
  constructor(@Inject(CASSANDRA) private readonly cassandra: CassandraClient) {}

  /**
   * Claims the username and writes the user. Returns false when the name is
   * taken. If the second write fails the claim is released, so that the name
   * does not stay blocked by a half-created account.
   */
  async create(user: UserCredentials, createdAt: Date): Promise<boolean> {
    const claim = await this.cassandra.execute(
      'INSERT INTO users_by_username (username, user_id, password_hash, created_at) VALUES (?, ?, ?, ?) IF NOT EXISTS',
      [user.username, user.userId, user.passwordHash, createdAt],
    );
    if (!claim.wasApplied()) return false;

    try {
      await this.cassandra.execute('INSERT INTO users (user_id, username, created_at) VALUES (?, ?, ?)', [
        user.userId,
        user.username,
        createdAt,
      ]);
    } catch (error) {
      await this.cassandra
        .execute('DELETE FROM users_by_username WHERE username = ? IF user_id = ?', [user.username, user.userId])
        .catch(() => undefined);
      throw error;
    }

    return true;
  }

  async findCredentials(username: string): Promise<UserCredentials | undefined> {
    const result = await this.cassandra.execute(
      'SELECT username, user_id, password_hash FROM users_by_username WHERE username = ?',
      [username],
    );
    const row = result.first();
    if (!row) return undefined;

    return { userId: String(row.user_id), username: row.username as string, passwordHash: row.password_hash as string };
  }

  async findByUsernames(usernames: string[]): Promise<UserRecord[]> {
    const rows = await Promise.all(
      usernames.map((username) =>
        this.cassandra.execute('SELECT username, user_id FROM users_by_username WHERE username = ?', [username]),
      ),
    );

    return rows.flatMap((result) => result.rows).map((row) => ({ userId: String(row.user_id), username: row.username }));
  }

  /** ids must be UUID strings. */
  async findByIds(userIds: string[]): Promise<UserRecord[]> {
    const rows = await Promise.all(
      userIds.map((userId) => this.cassandra.execute('SELECT user_id, username FROM users WHERE user_id = ?', [userId])),
    );

    return rows.flatMap((result) => result.rows).map((row) => ({ userId: String(row.user_id), username: row.username }));
  }
}
