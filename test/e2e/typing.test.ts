/**
 * Typing indicators: sent on to the other members' connected devices across
 * gateways, never to the typist's own devices or to strangers, throttled per
 * connection, and never stored.
 */
import type { MessengerSocket } from '@messenger/client';
import { ErrorCode, TYPING_REFRESH_MS, TYPING_TTL_MS } from '@messenger/protocol';
import { TestAccount, createAccount } from './support/accounts';
import { SocketTracker, framesOf } from './support/sockets';
import { sleep, useTestSystem } from './support/system';

/** How long a test keeps listening for frames that must not arrive. */
const QUIET_PERIOD_MS = 700;

const system = useTestSystem();

describe('typing indicators', () => {
  const sockets = new SocketTracker();
  let alice: TestAccount;
  let bob: TestAccount;
  let alicePhone: MessengerSocket;
  let aliceLaptop: MessengerSocket;
  let bobPhone: MessengerSocket;
  let conversationId: string;

  beforeAll(async () => {
    const http = system.http('gateway-a');
    [alice, bob] = await Promise.all([createAccount(http, 'alice'), createAccount(http, 'bob')]);
    alicePhone = await sockets.connect(http, alice.tokens.accessToken, 'alice-phone');
    aliceLaptop = await sockets.connect(system.http('gateway-b'), alice.tokens.accessToken, 'alice-laptop');
    bobPhone = await sockets.connect(system.http('gateway-b'), bob.tokens.accessToken, 'bob-phone');
    const opened = await alicePhone.request<'conversation'>({ type: 'open_conversation', username: bob.username });
    conversationId = opened.conversation.conversationId;
  });

  afterAll(() => sockets.closeAll());

  const typingFrames = (socket: MessengerSocket) =>
    framesOf(socket, 'typing').filter((frame) => frame.conversationId === conversationId);

  it('reaches the peer on another gateway', async () => {
    const sentAt = Date.now();
    alicePhone.send({ type: 'typing', conversationId, active: true });
    const typing = await bobPhone.waitFor('typing', (frame) => frame.conversationId === conversationId && frame.active);

    expect(typing.userId).toBe(alice.userId);
    expect(typing.ttlMs).toBe(TYPING_TTL_MS);
    expect(typing.expiresAt).toBeGreaterThanOrEqual(sentAt + TYPING_TTL_MS);
    expect(typing.expiresAt).toBeLessThanOrEqual(Date.now() + TYPING_TTL_MS);
  });

  it('skips the typist own devices', async () => {
    await sleep(QUIET_PERIOD_MS);

    expect(typingFrames(alicePhone)).toEqual([]);
    expect(typingFrames(aliceLaptop)).toEqual([]);
  });

  it('forwards repeats once per interval', async () => {
    alicePhone.send({ type: 'typing', conversationId, active: false });
    await bobPhone.waitFor('typing', (frame) => frame.conversationId === conversationId && !frame.active);
    await sleep(TYPING_REFRESH_MS);
    const before = typingFrames(bobPhone).length;

    for (let index = 0; index < 5; index++) alicePhone.send({ type: 'typing', conversationId, active: true });
    await sleep(QUIET_PERIOD_MS);

    expect(typingFrames(bobPhone).slice(before).map((frame) => frame.active)).toEqual([true]);
  });

  it('holds alternating frames from every connection', async () => {
    await sleep(TYPING_REFRESH_MS);
    const before = typingFrames(bobPhone).length;

    // Both of alice's connections alternate starts and stops, on two gateways.
    for (let index = 0; index < 20; index++) {
      const active = index % 2 === 0;
      alicePhone.send({ type: 'typing', conversationId, active });
      aliceLaptop.send({ type: 'typing', conversationId, active });
      await sleep(25);
    }
    await sleep(QUIET_PERIOD_MS);

    // One start and at most one stop in the interval, whatever the connections sent.
    const forwarded = typingFrames(bobPhone).slice(before).map((frame) => frame.active);
    expect(forwarded[0]).toBe(true);
    expect(forwarded.filter((active) => active)).toHaveLength(1);
    expect(forwarded.length).toBeLessThanOrEqual(2);
  });

  it('rejects a stranger', async () => {
    const carol = await createAccount(system.http('gateway-a'), 'carol');
    const carolSocket = await sockets.connect(system.http('gateway-a'), carol.tokens.accessToken, 'carol-phone');
    const before = typingFrames(bobPhone).length;

    await expect(
      carolSocket.request({ type: 'typing', id: 'typing-1', conversationId, active: true }),
    ).rejects.toThrow(new RegExp(`^${ErrorCode.NOT_A_MEMBER}:`));
    await sleep(QUIET_PERIOD_MS);
    expect(typingFrames(bobPhone)).toHaveLength(before);
  });

  it('rejects a frame without active', async () => {
    const reply = alicePhone.request({ type: 'typing', id: 'typing-2', conversationId } as never);

    await expect(reply).rejects.toThrow(/^INVALID_FIELD:.*active/);
  });

  it('leaves nothing in history', async () => {
    const page = await bobPhone.request<'history'>({ type: 'history', conversationId, limit: 10 });

    expect(page.messages).toEqual([]);
  });
});
