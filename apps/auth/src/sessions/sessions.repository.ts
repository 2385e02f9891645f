import { Inject, Injectable } from '@nestjs/common';
import { RedisKeys } from '@messenger/redis';
import type { Redis } from '@messenger/redis';
import { RedisScript } from '../clients/redis-script';
import { REDIS } from '../injection-tokens';
import {
  RefreshTokenRecord,
  RevokedSessionRecord,
  SessionRecord,
  parseRefreshTokenRecord,
} from './session-records';

/** Prefix of refresh token keys, so that a script can name the key of a hash it reads. */
const REFRESH_KEY_PREFIX = RedisKeys.refreshToken('');

/**
 * Rotates a refresh token atomically.
 * KEYS: old token, session, new token, revoked marker.
 * ARGV: old hash, session id, new hash, new token record, new session record,
 *       TTL ms, rotated marker record, marker window ms, revoked TTL ms,
 *       refresh key prefix, revoked marker record.
 * Returns {"rotated"}, {"invalid"} or {"reused", userId}.
 *
 * A token is reused when its record is a rotation marker or it is not the
 * session's current token; the whole session is then revoked, current token
 * included, so that whoever holds the newest token (perhaps a thief) is out.
 */
const ROTATE_SCRIPT = new RedisScript(`
local raw = redis.call('GET', KEYS[1])
if not raw then return {'invalid'} end
local ok, record = pcall(cjson.decode, raw)
if not ok or type(record) ~= 'table' or record.sessionId ~= ARGV[2] then return {'invalid'} end
local sessionRaw = redis.call('GET', KEYS[2])
if not sessionRaw then
  redis.call('DEL', KEYS[1])
  return {'invalid'}
end
local session = cjson.decode(sessionRaw)
if record.rotatedAt or session.currentTokenHash ~= ARGV[1] then
  redis.call('DEL', KEYS[1], KEYS[2])
  if type(session.currentTokenHash) == 'string' then
    redis.call('DEL', ARGV[10] .. session.currentTokenHash)
  end
  redis.call('SET', KEYS[4], ARGV[11], 'PX', ARGV[9])
  return {'reused', session.userId}
end
local markerTtl = math.min(tonumber(ARGV[8]), redis.call('PTTL', KEYS[1]))
if markerTtl > 0 then
  redis.call('SET', KEYS[1], ARGV[7], 'PX', markerTtl)
else
  redis.call('DEL', KEYS[1])
end
redis.call('SET', KEYS[3], ARGV[4], 'PX', ARGV[6])
redis.call('SET', KEYS[2], ARGV[5], 'PX', ARGV[6])
return {'rotated'}
`);

/**
 * Revokes the session of a refresh token (current or rotated).
 * KEYS: token, session, revoked marker. ARGV: session id, refresh key prefix,
 * revoked TTL ms, revoked marker record.
 * Returns {"none"} when there is no live session, else {"revoked", userId}.
 */
const REVOKE_SCRIPT = new RedisScript(`
local raw = redis.call('GET', KEYS[1])
if not raw then return {'none'} end
local ok, record = pcall(cjson.decode, raw)
if not ok or type(record) ~= 'table' or record.sessionId ~= ARGV[1] then return {'none'} end
redis.call('DEL', KEYS[1])
local sessionRaw = redis.call('GET', KEYS[2])
if not sessionRaw then return {'none'} end
local session = cjson.decode(sessionRaw)
redis.call('DEL', KEYS[2])
if type(session.currentTokenHash) == 'string' then
  redis.call('DEL', ARGV[2] .. session.currentTokenHash)
end
redis.call('SET', KEYS[3], ARGV[4], 'PX', ARGV[3])
return {'revoked', session.userId}
`);

export type RotateOutcome = { kind: 'rotated' } | { kind: 'invalid' } | { kind: 'reused'; userId: string };

export interface Rotation {
  oldHash: string;
  old: RefreshTokenRecord;
  newHash: string;
  next: RefreshTokenRecord;
  ttlMs: number;
  /** How long the rotated token stays recognisable (at most until it would have expired). */
  markerWindowMs: number;
  revokedTtlMs: number;
  now: number;
}

/**
 * Sessions and refresh tokens in Redis. A session lives as long as its
 * current refresh token; each refresh replaces the token and extends both.
 * Scripts name the key of the session's current token from its hash, so
 * like the rest of the platform they assume one Redis server, not a cluster.
 */
@Injectable()
export class SessionsRepository {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async create(record: RefreshTokenRecord, tokenHash: string, ttlMs: number): Promise<void> {
    const session: SessionRecord = { userId: record.userId, currentTokenHash: tokenHash };
    const results = await this.redis
      .multi()
      .set(RedisKeys.session(record.sessionId), JSON.stringify(session), 'PX', ttlMs)
      .set(RedisKeys.refreshToken(tokenHash), JSON.stringify(record), 'PX', ttlMs)
      .exec();
    const failure = results?.find(([error]) => error);
    if (!results || failure) throw failure?.[0] ?? new Error('redis transaction was aborted');
  }

  async findToken(tokenHash: string): Promise<RefreshTokenRecord | undefined> {
    return parseRefreshTokenRecord(await this.redis.get(RedisKeys.refreshToken(tokenHash)));
  }

  async rotate(rotation: Rotation): Promise<RotateOutcome> {
    const { old, next, now } = rotation;
    const session: SessionRecord = { userId: next.userId, currentTokenHash: rotation.newHash };
    const marker: RefreshTokenRecord = { ...old, rotatedAt: now };
    const reply = (await ROTATE_SCRIPT.run(
      this.redis,
      [
        RedisKeys.refreshToken(rotation.oldHash),
        RedisKeys.session(old.sessionId),
        RedisKeys.refreshToken(rotation.newHash),
        RedisKeys.revokedSession(old.sessionId),
      ],
      [
        rotation.oldHash,
        old.sessionId,
        rotation.newHash,
        JSON.stringify(next),
        JSON.stringify(session),
        rotation.ttlMs,
        JSON.stringify(marker),
        rotation.markerWindowMs,
        rotation.revokedTtlMs,
        REFRESH_KEY_PREFIX,
        revokedRecord(old.userId, now, 'refresh-token-reuse'),
      ],
    )) as string[];
    if (reply[0] === 'rotated') return { kind: 'rotated' };
    if (reply[0] === 'reused') return { kind: 'reused', userId: reply[1] ?? old.userId };

    return { kind: 'invalid' };
  }

  /** Revokes the session that the token belongs to; returns the user id, or undefined when none was live. */
  async revoke(tokenHash: string, record: RefreshTokenRecord, revokedTtlMs: number, now: number): Promise<string | undefined> {
    const reply = (await REVOKE_SCRIPT.run(
      this.redis,
      [
        RedisKeys.refreshToken(tokenHash),
        RedisKeys.session(record.sessionId),
        RedisKeys.revokedSession(record.sessionId),
      ],
      [record.sessionId, REFRESH_KEY_PREFIX, revokedTtlMs, revokedRecord(record.userId, now, 'logout')],
    )) as string[];

    return reply[0] === 'revoked' ? (reply[1] ?? record.userId) : undefined;
  }
}

function revokedRecord(userId: string, now: number, reason: RevokedSessionRecord['reason']): string {
  const record: RevokedSessionRecord = { userId, revokedAt: now, reason };

  return JSON.stringify(record);
}
