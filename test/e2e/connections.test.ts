import { randomUUID } from 'node:crypto';
import type { MessengerSocket } from '@messenger/client';
import { CloseCode, ErrorCode, MAX_CONSECUTIVE_ERRORS, MAX_FRAME_BYTES } from '@messenger/protocol';
import { TestAccount, createAccount } from './support/accounts';
import { SocketTracker, framesOf, freezeSocket, unfreezeSocket, waitForFrameAfter } from './support/sockets';
import { E2E_TIMING, sleep, useTestSystem } from './support/system';

/** Kafka hand-over, fan-out and scheduling on a busy 2-core machine, on top of the configured timings. */
const DELIVERY_MARGIN_MS = 2500;

/** A client that stays online sends heartbeat frames at least this often, well inside the presence timeout. */
const HEARTBEAT_EVERY_MS = 250;

const system = useTestSystem();

describe('malformed frames', () => {
  const sockets = new SocketTracker();
  const conversationId = randomUUID();
  let alice: TestAccount;
  let socket: MessengerSocket;
  let bobSocket: MessengerSocket;

  beforeAll(async () => {
    const http = system.http('gateway-a');
    alice = await createAccount(http, 'alice');
    const bob = await createAccount(http, 'bob');
    socket = await sockets.connect(http, alice.tokens.accessToken, 'alice-phone');
    bobSocket = await sockets.connect(http, bob.tokens.accessToken, 'bob-phone');
  });

  afterAll(() => sockets.closeAll());

  /** Sends raw data and resolves with the error frame sent in reply. */
  function errorFor(target: MessengerSocket, data: string | Buffer, binary = false) {
    const index = target.frames.length;
    target.socket.send(data, { binary });

    return waitForFrameAfter(target, index, 'error');
  }

  function connectAlice(deviceId: string): Promise<MessengerSocket> {
    return sockets.connect(system.http('gateway-a'), alice.tokens.accessToken, deviceId);
  }

  it('rejects invalid JSON', async () => {
    const error = await errorFor(socket, '{"type": "send",');

    expect(error.code).toBe(ErrorCode.MALFORMED_JSON);
  });

  it('rejects an unknown type', async () => {
    const error = await errorFor(socket, JSON.stringify({ type: 'explode' }));

    expect(error.code).toBe(ErrorCode.UNKNOWN_TYPE);
  });

  it('names a missing field', async () => {
    const error = await errorFor(socket, JSON.stringify({ type: 'send', conversationId, body: 'no client id' }));

    expect(error.code).toBe(ErrorCode.INVALID_FIELD);
    expect(error.message).toContain('"clientMessageId"');
  });

  it('names an extra field', async () => {
    const error = await errorFor(socket, JSON.stringify({ type: 'heartbeat', extra: true }));

    expect(error.code).toBe(ErrorCode.INVALID_FIELD);
    expect(error.message).toContain('"extra"');
  });

  it('names a wrong-typed field', async () => {
    const error = await errorFor(socket, JSON.stringify({ type: 'ack', conversationId, seq: 'three' }));

    expect(error.code).toBe(ErrorCode.INVALID_FIELD);
    expect(error.message).toContain('"seq"');
  });

  it('rejects a binary frame', async () => {
    const error = await errorFor(socket, Buffer.from(JSON.stringify({ type: 'heartbeat' })), true);

    expect(error.code).toBe(ErrorCode.INVALID_FIELD);
    expect(error.message).toContain('binary');
  });

  it('keeps the connection open after errors', async () => {
    const reply = await socket.request<'heartbeat_ack'>({ type: 'heartbeat' });

    expect(reply.type).toBe('heartbeat_ack');
    expect(socket.closeCode).toBeUndefined();
  });

  it('closes on a frame over the limit', async () => {
    const target = await connectAlice('alice-big-frame');
    const body = 'x'.repeat(MAX_FRAME_BYTES);
    const frame = JSON.stringify({ type: 'send', conversationId, clientMessageId: 'big', body });
    const error = await errorFor(target, frame);
    const closeCode = await target.waitForClose();

    expect(error.code).toBe(ErrorCode.FRAME_TOO_LARGE);
    expect(closeCode).toBe(CloseCode.FRAME_TOO_LARGE);
  });

  it('closes on a frame over the hard cap', async () => {
    const target = await connectAlice('alice-huge-frame');
    target.socket.send('x'.repeat(2 * 1024 * 1024));
    const closeCode = await target.waitForClose();

    expect(closeCode).toBe(CloseCode.FRAME_TOO_LARGE);
  });

  it('closes after too many errors in a row', async () => {
    const target = await connectAlice('alice-broken-client');
    for (let count = 1; count < MAX_CONSECUTIVE_ERRORS; count++) target.socket.send('not json');
    await waitForFrameAfter(target, 0, 'error', () => framesOf(target, 'error').length >= MAX_CONSECUTIVE_ERRORS - 1);
    const openBeforeLast = target.closeCode === undefined;
    target.socket.send('not json');
    const closeCode = await target.waitForClose();

    expect(openBeforeLast).toBe(true);
    expect(framesOf(target, 'error')).toHaveLength(MAX_CONSECUTIVE_ERRORS);
    expect(closeCode).toBe(CloseCode.TOO_MANY_ERRORS);
  });

  it('keeps other connections working', async () => {
    const reply = await bobSocket.request<'heartbeat_ack'>({ type: 'heartbeat' });
    const health = await fetch(`${system.baseUrl('gateway-a')}/health`);

    expect(reply.type).toBe('heartbeat_ack');
    expect(bobSocket.closeCode).toBeUndefined();
    expect(system.isRunning('gateway-a')).toBe(true);
    expect(health.status).toBe(200);
  });
});

interface WatchedUser {
  alice: TestAccount;
  aliceSocket: MessengerSocket;
  bobSocket: MessengerSocket;
}

function offlineFrames(socket: MessengerSocket, userId: string) {
  return framesOf(socket, 'presence', (frame) => frame.userId === userId && frame.status === 'offline');
}

describe('presence', () => {
  const sockets = new SocketTracker();

  afterEach(() => sockets.closeAll());

  /**
   * Connects bob, opens his conversation with a fresh alice, then connects
   * alice and waits until bob receives her online presence. The conversation exists before
   * alice's first presence change, because the presence service caches each
   * user's peers for 30 s.
   */
  async function aliceWatchedByBob(): Promise<WatchedUser> {
    const http = system.http('gateway-a');
    const [alice, bob] = await Promise.all([createAccount(http, 'alice'), createAccount(http, 'bob')]);
    const bobSocket = await sockets.connect(system.http('gateway-b'), bob.tokens.accessToken, 'bob-phone');
    await bobSocket.request({ type: 'open_conversation', username: alice.username });
    const aliceSocket = await sockets.connect(http, alice.tokens.accessToken, 'alice-phone');
    await bobSocket.waitFor('presence', (frame) => frame.userId === alice.userId && frame.status === 'online');

    return { alice, aliceSocket, bobSocket };
  }

  it('reports a vanished client offline', async () => {
    const connectedBefore = Date.now();
    const { alice, aliceSocket, bobSocket } = await aliceWatchedByBob();
    const stopHeartbeats = sockets.startHeartbeats(aliceSocket, HEARTBEAT_EVERY_MS);
    await sleep(HEARTBEAT_EVERY_MS * 2);

    stopHeartbeats();
    freezeSocket(aliceSocket);
    const frozenAt = Date.now();
    const offline = await bobSocket.waitFor(
      'presence',
      (frame) => frame.userId === alice.userId && frame.status === 'offline',
      15_000,
    );
    const receivedAt = Date.now();
    const bound =
      E2E_TIMING.gatewayHeartbeatTimeoutMs +
      E2E_TIMING.gatewayHeartbeatIntervalMs +
      E2E_TIMING.presenceDisconnectGraceMs +
      E2E_TIMING.presenceSweepIntervalMs +
      DELIVERY_MARGIN_MS;

    expect(receivedAt - frozenAt).toBeLessThanOrEqual(bound);
    expect(offline.lastSeenAt).toBeGreaterThanOrEqual(connectedBefore);
    expect(offline.lastSeenAt).toBeLessThanOrEqual(receivedAt);
  });

  it('hides a reconnect within the grace period', async () => {
    const { alice, aliceSocket, bobSocket } = await aliceWatchedByBob();
    sockets.startHeartbeats(aliceSocket, HEARTBEAT_EVERY_MS);
    const http = system.http('gateway-a');

    aliceSocket.close();
    await aliceSocket.waitForClose();
    const closedAt = Date.now();
    const reconnected = await sockets.connect(http, alice.tokens.accessToken, 'alice-phone');
    const reconnectedAt = Date.now();
    sockets.startHeartbeats(reconnected, HEARTBEAT_EVERY_MS);
    await sleep(E2E_TIMING.presenceDisconnectGraceMs + E2E_TIMING.presenceSweepIntervalMs + DELIVERY_MARGIN_MS);
    const offline = offlineFrames(bobSocket, alice.userId);

    expect(reconnectedAt - closedAt).toBeLessThan(E2E_TIMING.presenceDisconnectGraceMs);
    expect(offline).toEqual([]);
  });

  it('ignores a late disconnect of a replaced connection', async () => {
    const { alice, aliceSocket, bobSocket } = await aliceWatchedByBob();
    const stopHeartbeats = sockets.startHeartbeats(aliceSocket, HEARTBEAT_EVERY_MS);
    await sleep(HEARTBEAT_EVERY_MS * 2);

    // The phone loses its network and reconnects at once through another gateway.
    stopHeartbeats();
    freezeSocket(aliceSocket);
    const replacement = await sockets.connect(system.http('gateway-b'), alice.tokens.accessToken, 'alice-phone');
    // Gateway-a gives up on the frozen connection 2000-2500 ms from now and reports its disconnect.
    // Heartbeats 1500 ms and then 1900 ms apart stay within the 2000 ms presence timeout, but leave
    // that disconnect's 500 ms grace to run out before the second one.
    await sleep(1500);
    replacement.send({ type: 'heartbeat' });
    await sleep(1900);
    replacement.send({ type: 'heartbeat' });
    sockets.startHeartbeats(replacement, HEARTBEAT_EVERY_MS);
    await sleep(E2E_TIMING.presenceSweepIntervalMs + DELIVERY_MARGIN_MS);
    unfreezeSocket(aliceSocket);
    const oldCloseCode = await aliceSocket.waitForClose();
    const offline = offlineFrames(bobSocket, alice.userId);

    expect(oldCloseCode).toBe(CloseCode.HEARTBEAT_TIMEOUT);
    expect(offline).toEqual([]);
  });
});
