import { randomUUID } from 'node:crypto';
import type { ConnectionSpec, PairSpec, SystemKind } from '../generator/worker-protocol';
import type { MeasuredProcess } from './process-stats';

export interface ConnectionLayout {
  connections: ConnectionSpec[];
  pairs: PairSpec[];
}

export interface LayoutRequest {
  /** Pairs that exchange messages; they take the first 2 × pairs connections. */
  pairs: number;
  /** Connections without messages, after the pairs'. */
  idle: number;
  /** Connections per loopback source address before the next address (127.0.0.2, ...) is used. */
  connectionsPerSourceAddress: number;
}

/** A messaging system that the benchmark starts, loads and measures. */
export interface SystemUnderTest {
  readonly kind: SystemKind;
  /** Whether the system stores messages so that a reconnecting client gets what it missed. */
  readonly persistent: boolean;
  /** Port of the Redis server the system uses, if any. */
  readonly redisPort: number | undefined;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Stops and starts every process that serves client connections, which drops them all at once. */
  restartConnectionServers(): Promise<void>;
  /** The processes whose CPU (and memory where it counts) belong to this system, shared servers included. */
  measuredProcesses(): MeasuredProcess[];
  /**
   * Returns the Redis commands the system's own clients sent so far, from
   * their metrics, where the system exports such a count. Unlike INFO
   * stats, it leaves out other clients of a shared Redis.
   */
  redisCommandsSent?(): Promise<number>;
  /** Creates users (and conversations where the system needs them) and the connection list of a trial. */
  layout(request: LayoutRequest): Promise<ConnectionLayout>;
}

/**
 * User ids that stay the same between trials, so that a system that stores
 * per-user state (conversations, delivery positions) reuses it instead of
 * piling up new users.
 */
export class UserPool {
  private readonly pairUsers: [string, string][] = [];
  private readonly idleUsers: string[] = [];

  pairs(count: number): [string, string][] {
    while (this.pairUsers.length < count) this.pairUsers.push([randomUUID(), randomUUID()]);

    return this.pairUsers.slice(0, count);
  }

  idle(count: number): string[] {
    while (this.idleUsers.length < count) this.idleUsers.push(randomUUID());

    return this.idleUsers.slice(0, count);
  }
}

/** Returns the loopback source address of the connection with this index, or undefined while 127.0.0.1's share lasts. */
export function sourceAddressFor(index: number, connectionsPerSourceAddress: number): string | undefined {
  const address = Math.floor(index / connectionsPerSourceAddress);
  if (address === 0) return undefined;
  if (address > 253) throw new Error(`connection ${index} needs more than 254 loopback source addresses; raise --connections-per-address`);

  return `127.0.0.${address + 1}`;
}

/**
 * Builds the connection list: pair i is connections 2i (sender) and 2i + 1
 * (receiver), then the idle connections. connectionFor returns the URL and
 * credential by which each system addresses a user.
 */
export function buildLayout(
  request: LayoutRequest,
  pool: UserPool,
  connectionFor: (userId: string, index: number, role: 'sender' | 'receiver' | 'idle') => Omit<ConnectionSpec, 'index' | 'userId' | 'localAddress'>,
  conversationFor?: (pair: number) => string,
): ConnectionLayout {
  const connections: ConnectionSpec[] = [];
  const pairs: PairSpec[] = [];
  const add = (userId: string, role: 'sender' | 'receiver' | 'idle'): number => {
    const index = connections.length;
    connections.push({
      index,
      userId,
      localAddress: sourceAddressFor(index, request.connectionsPerSourceAddress),
      ...connectionFor(userId, index, role),
    });

    return index;
  };
  pool.pairs(request.pairs).forEach(([senderId, receiverId], i) => {
    const sender = add(senderId, 'sender');
    const receiver = add(receiverId, 'receiver');
    pairs.push({ sender, receiver, conversationId: conversationFor?.(i) });
  });
  for (const userId of pool.idle(request.idle)) add(userId, 'idle');

  return { connections, pairs };
}
