import { Inject, Injectable } from '@nestjs/common';
import { TYPING_REFRESH_MS, TYPING_TTL_MS } from '@messenger/protocol';
import { Redis, RedisKeys } from '@messenger/redis';
import { REDIS } from '../infrastructure/infrastructure.module';

/**
 * Decides atomically whether a typing state is forwarded, per user and
 * conversation over all of the user's connections and gateways. A start goes
 * through when the user's last forwarded start is TYPING_REFRESH_MS old; a
 * stop only when the forwarded state is typing. Alternating starts and stops
 * therefore cannot flood the other members.
 */
const GATE_SCRIPT = `
local now = tonumber(ARGV[1])
local stored = redis.call('GET', KEYS[1])
local lastStart, typing = 0, '0'
if stored then
  local separator = string.find(stored, ':', 1, true)
  lastStart = tonumber(string.sub(stored, 1, separator - 1))
  typing = string.sub(stored, separator + 1)
end
if ARGV[2] == '1' then
  if stored and now - lastStart < tonumber(ARGV[3]) then return 0 end
  redis.call('SET', KEYS[1], now .. ':1', 'PX', ARGV[4])
  return 1
end
if typing ~= '1' then return 0 end
redis.call('SET', KEYS[1], lastStart .. ':0', 'PX', ARGV[4])
return 1
`;

interface GateCommands {
  messengerTypingGate(key: string, now: number, active: 0 | 1, refreshMs: number, ttlMs: number): Promise<number>;
}

@Injectable()
export class TypingGate {
  private readonly commands: GateCommands;

  constructor(@Inject(REDIS) redis: Redis) {
    redis.defineCommand('messengerTypingGate', { numberOfKeys: 1, lua: GATE_SCRIPT });
    this.commands = redis as unknown as GateCommands;
  }

  async admit(conversationId: string, userId: string, active: boolean, now = Date.now()): Promise<boolean> {
    const reply = await this.commands.messengerTypingGate(
      RedisKeys.typing(conversationId, userId),
      now,
      active ? 1 : 0,
      TYPING_REFRESH_MS,
      TYPING_TTL_MS,
    );

    return reply === 1;
  }
}
