import type { MessengerSocket } from '@messenger/client';
import { ErrorCode } from '@messenger/protocol';
import { TestAccount, createAccount } from './support/accounts';
import { SocketTracker, framesOf, newClientMessageId, waitForFrameAfter } from './support/sockets';
import { sleep, useTestSystem } from './support/system';

/** Default of GATEWAY_MAX_FRAMES_PER_SECOND. The gateway's token bucket allows bursts of twice this. */
const FRAMES_PER_SECOND = 50;
const BURST = FRAMES_PER_SECOND * 2;

const system = useTestSystem();

describe('frame rate limit', () => {
  const sockets = new SocketTracker();
  let alice: TestAccount;

  beforeAll(async () => {
    alice = await createAccount(system.http('gateway-a'), 'alice');
  });

  afterEach(() => sockets.closeAll());

  function connect(deviceId: string): Promise<MessengerSocket> {
    return sockets.connect(system.http('gateway-a'), alice.tokens.accessToken, deviceId);
  }

  it('limits frames that start like a receipt', async () => {
    const socket = await connect('alice-disguised');
    // JSON.parse keeps the last "type", but the receipt exemption only looks at the first bytes.
    for (let index = 0; index < BURST * 3; index++) {
      socket.socket.send(`{"type":"ack","type":"heartbeat","id":"h${index}"}`);
    }
    await sleep(2000);
    const limited = framesOf(socket, 'error').filter((frame) => frame.code === ErrorCode.RATE_LIMITED);

    expect(limited.length).toBeGreaterThan(0);
    expect(framesOf(socket, 'heartbeat_ack').length).toBeLessThanOrEqual(BURST + 10);
  });

  it('drops a burst without closing the connection', async () => {
    const socket = await connect('alice-bursty');
    for (let index = 0; index < BURST + 30; index++) {
      socket.socket.send(JSON.stringify({ type: 'heartbeat', id: `h${index}` }));
    }
    await sleep(2000);

    // The protocol drops excess frames with RATE_LIMITED and closes with 4003 only after invalid frames.
    expect(socket.closeCode).toBeUndefined();
    // The bucket refills one frame every 20 ms while the burst is read, so a slow machine admits a few more.
    const acknowledged = framesOf(socket, 'heartbeat_ack').length;
    expect(acknowledged).toBeGreaterThanOrEqual(BURST);
    expect(acknowledged).toBeLessThan(BURST + 30);
    const limited = framesOf(socket, 'error').filter((frame) => frame.code === ErrorCode.RATE_LIMITED);
    expect(limited).toHaveLength(BURST + 30 - acknowledged);
  });
});

describe('frame validation', () => {
  const sockets = new SocketTracker();
  let socket: MessengerSocket;
  let conversationId: string;

  beforeAll(async () => {
    const http = system.http('gateway-a');
    const [alice, bob] = await Promise.all([createAccount(http, 'alice'), createAccount(http, 'bob')]);
    socket = await sockets.connect(http, alice.tokens.accessToken, 'alice-phone');
    const opened = await socket.request<'conversation'>({ type: 'open_conversation', username: bob.username });
    conversationId = opened.conversation.conversationId;
  });

  afterAll(() => sockets.closeAll());

  it('echoes the request id on INVALID_FIELD', async () => {
    const index = socket.frames.length;
    socket.socket.send(JSON.stringify({ type: 'history', conversationId: 'not-a-uuid', id: 'req-7' }));
    const error = await waitForFrameAfter(socket, index, 'error');

    expect(error.code).toBe(ErrorCode.INVALID_FIELD);
    expect(error.id).toBe('req-7');
  });

  it('rejects a body over 4096 UTF-16 units as INVALID_FIELD', async () => {
    // 2049 astral characters are 2049 code points but 4098 UTF-16 code units.
    const body = '\u{1F600}'.repeat(2049);
    const index = socket.frames.length;
    socket.socket.send(JSON.stringify({ type: 'send', conversationId, clientMessageId: newClientMessageId(), body, id: 'long' }));
    const error = await waitForFrameAfter(socket, index, 'error');

    expect(error.code).toBe(ErrorCode.INVALID_FIELD);
  });

  it('stores a body with a lone surrogate unchanged or rejects it', async () => {
    const index = socket.frames.length;
    socket.socket.send(
      JSON.stringify({ type: 'send', conversationId, clientMessageId: newClientMessageId(), body: 'a\ud83db', id: 'lone' }),
    );
    const reply = await waitForFrameAfter(socket, index, 'sent').catch(() => undefined);
    if (!reply) {
      const error = framesOf(socket, 'error').find((frame) => frame.id === 'lone');

      expect(error?.code).toBe(ErrorCode.INVALID_FIELD);

      return;
    }
    const page = await socket.request<'history'>({ type: 'history', conversationId, afterSeq: reply.seq - 1, limit: 1 });

    expect(page.messages[0].body).toBe('a\ud83db');
  });
});

describe('account API', () => {
  it('rejects a form-encoded registration', async () => {
    const response = await fetch(`${system.baseUrl('gateway-a')}/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `username=form-${Date.now() % 1_000_000}&password=form-password-1`,
    });

    // The API takes JSON only, so that a cross-site HTML form cannot call it.
    expect(response.status).toBeGreaterThanOrEqual(400);
  });
});
