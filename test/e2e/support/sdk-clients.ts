import WebSocket from 'ws';
import {
  MemoryStore,
  MessengerClient,
  type ClientEvents,
  type KeyValueStore,
  type MessengerClientOptions,
  type WebSocketConstructor,
} from '@messenger/sdk';
import type { TestAccount } from './accounts';

/** Every event of the client, so that tests can read what it emitted in order. */
const RECORDED_EVENTS: Array<keyof ClientEvents> = [
  'state',
  'message',
  'receipt',
  'presence',
  'typing',
  'outbox',
  'conversation',
  'gap',
  'session_ended',
  'disconnected',
];

/** Server frames seen on the wire by every client a tracker made, by device. */
export type WireTap = Map<string, string[]>;

export interface TrackedClient {
  client: MessengerClient;
  store: KeyValueStore;
  /** Every event the client emitted, in order. */
  events: Array<{ [E in keyof ClientEvents]: { name: E; args: ClientEvents[E] } }[keyof ClientEvents]>;
}

/**
 * Makes SDK clients that use the ws package, records what they emit and
 * what arrived on their sockets, and disconnects them all after the tests.
 */
export class ClientTracker {
  private readonly clients: TrackedClient[] = [];
  readonly wire: WireTap = new Map();

  /** A client logged in as the account, connected, and online. */
  async online(
    account: TestAccount,
    options: Partial<MessengerClientOptions> & { baseUrl: string; deviceId: string },
  ): Promise<TrackedClient> {
    const tracked = this.create(options);
    await tracked.client.login(account.username, account.password);
    tracked.client.connect();
    await eventually(`${options.deviceId} online`, () => tracked.client.state === 'online' || undefined);

    return tracked;
  }

  /** Creates a client that is not logged in, with a new store unless one is given. */
  create(options: Partial<MessengerClientOptions> & { baseUrl: string; deviceId: string }): TrackedClient {
    const store = options.store ?? new MemoryStore();
    const client = new MessengerClient({ ...options, store, WebSocket: this.tappedWebSocket(options.deviceId) });
    const tracked: TrackedClient = { client, store, events: [] };
    for (const name of RECORDED_EVENTS) {
      client.on(name, (...args: unknown[]) => tracked.events.push({ name, args } as TrackedClient['events'][number]));
    }
    this.clients.push(tracked);

    return tracked;
  }

  disconnectAll(): void {
    for (const { client } of this.clients.splice(0)) client.disconnect();
  }

  /** Returns the ws WebSocket class, extended to record each text frame that arrives for the device. */
  private tappedWebSocket(deviceId: string): WebSocketConstructor {
    const wire = this.wire;

    return class extends WebSocket {
      constructor(url: string) {
        super(url);
        this.on('message', (data) => {
          const frames = wire.get(deviceId) ?? [];
          frames.push(String(data));
          wire.set(deviceId, frames);
        });
      }
    } as unknown as WebSocketConstructor;
  }
}

/** Returns the first argument of every event of one name that the client emitted. */
export function eventsOf<E extends keyof ClientEvents>(tracked: TrackedClient, name: E): Array<ClientEvents[E][0]> {
  return tracked.events.filter((event) => event.name === name).map((event) => event.args[0] as ClientEvents[E][0]);
}

const POLL_MS = 20;

/** Polls check() until it returns a value other than undefined, and resolves with that value. */
export async function eventually<T>(
  description: string,
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
