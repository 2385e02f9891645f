import { DEFAULT_BACKOFF } from './backoff';
import { Connection, type ConnectionState, type WebSocketLike } from './connection';
import type { MessengerHttpClient, TokenPair } from './http-api';
import { Session } from './session';
import { MemoryStore } from './store';

/** A socket that the test opens, replies on and closes by hand. */
class FakeSocket implements WebSocketLike {
  static opened: FakeSocket[] = [];
  readyState = 1;
  readonly sent: string[] = [];
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;

  constructor(readonly url: string) {
    FakeSocket.opened.push(this);
  }

  send(data: string): void {
    this.sent.push(data);
  }

  close(): void {
    this.readyState = 3;
  }

  welcome(): void {
    this.onmessage?.({
      data: JSON.stringify({
        type: 'welcome',
        protocolVersion: 1,
        connectionId: 'c',
        userId: 'u',
        deviceId: 'd',
        heartbeatIntervalMs: 1_000,
        maxFrameBytes: 65_536,
        tokenExpiresAt: Date.now() + 60_000,
      }),
    });
  }

  serverClose(code: number): void {
    this.onclose?.({ code, reason: '' });
  }
}

function tokens(accessToken: string): TokenPair {
  return {
    accessToken,
    accessTokenExpiresAt: Date.now() + 600_000,
    refreshToken: `refresh-${accessToken}`,
    refreshTokenExpiresAt: Date.now() + 6_000_000,
    user: { userId: 'u', username: 'user' },
    sessionId: 's',
  };
}

describe('Connection', () => {
  let refreshes: number;
  let ended: string[];
  let states: ConnectionState[];
  let connection: Connection;

  beforeEach(() => {
    jest.useFakeTimers();
    FakeSocket.opened = [];
    refreshes = 0;
    ended = [];
    states = [];
    const http = {
      refresh: () => Promise.resolve(tokens(`t${++refreshes}`)),
      logout: () => Promise.resolve(),
    } as unknown as MessengerHttpClient;
    const session = new Session(() => http, new MemoryStore(), {
      refreshed: () => undefined,
      ended: (reason) => ended.push(reason),
    });
    session.start(tokens('t0'));
    connection = new Connection({
      gateways: ['http://a.test', 'http://b.test'],
      deviceId: 'd',
      session,
      WebSocket: FakeSocket,
      backoff: { ...DEFAULT_BACKOFF, initialDelayMs: 1_000, random: () => 0.5 },
      connectTimeoutMs: 5_000,
      requestTimeoutMs: 5_000,
    });
    connection.on('state', (state) => states.push(state));
  });

  afterEach(() => {
    connection.stop();
    jest.useRealTimers();
  });

  async function online(): Promise<FakeSocket> {
    connection.start();
    await jest.advanceTimersByTimeAsync(0);
    const socket = FakeSocket.opened[FakeSocket.opened.length - 1];
    socket.welcome();

    return socket;
  }

  it('goes online on the welcome frame', async () => {
    const socket = await online();

    expect(socket.url).toBe('ws://a.test/v1/ws?access_token=t0&device_id=d');
    expect(states).toEqual(['connecting', 'online']);
  });

  it('reconnects after the backoff delay when the socket drops', async () => {
    const socket = await online();
    socket.serverClose(1006);
    await jest.advanceTimersByTimeAsync(499);
    expect(FakeSocket.opened).toHaveLength(1);

    await jest.advanceTimersByTimeAsync(1);
    expect(FakeSocket.opened).toHaveLength(2);
    expect(states).toEqual(['connecting', 'online', 'reconnecting']);
  });

  it('moves to the next gateway when one shuts down', async () => {
    const socket = await online();
    socket.serverClose(1012);
    await jest.advanceTimersByTimeAsync(500);

    expect(FakeSocket.opened[1].url).toContain('ws://b.test/');
  });

  it('refreshes the token and reconnects at once on 4001', async () => {
    const socket = await online();
    socket.serverClose(4001);
    await jest.advanceTimersByTimeAsync(0);

    expect(FakeSocket.opened[1].url).toContain('access_token=t1');
    expect(refreshes).toBe(1);
  });

  it('ends the session and stays offline on 4002', async () => {
    const socket = await online();
    socket.serverClose(4002);
    await jest.advanceTimersByTimeAsync(60_000);

    expect(ended).toEqual(['SESSION_REVOKED']);
    expect(FakeSocket.opened).toHaveLength(1);
    expect(connection.state).toBe('offline');
  });

  it('gives up on a socket that stays silent', async () => {
    const socket = await online();
    // Heartbeats go out, but nothing comes back for three intervals plus 2 s.
    await jest.advanceTimersByTimeAsync(6_000);

    expect(socket.sent.filter((frame) => frame.includes('heartbeat')).length).toBeGreaterThanOrEqual(4);
    expect(states).toContain('reconnecting');
  });

  it('refreshes the token after three failed handshakes in a row', async () => {
    connection.start();
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await jest.advanceTimersByTimeAsync(0);
      FakeSocket.opened[FakeSocket.opened.length - 1].serverClose(1006);
      await jest.advanceTimersByTimeAsync(30_000);
    }

    expect(refreshes).toBe(1);
    expect(FakeSocket.opened[3].url).toContain('access_token=t1');
  });

  it('fails a request in flight when the socket closes', async () => {
    const socket = await online();
    const reply = connection.request({ type: 'heartbeat' });
    socket.serverClose(1006);

    await expect(reply).rejects.toMatchObject({ code: 'NOT_CONNECTED' });
  });

  it('opens no socket for an attempt begun before a stop', async () => {
    connection.start();
    connection.stop();
    connection.start();
    await jest.advanceTimersByTimeAsync(0);

    expect(FakeSocket.opened).toHaveLength(1);
  });
});
