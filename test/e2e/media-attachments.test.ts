/**
 * Files sent with messages: an image uploaded to the media service, sent
 * through a gateway, and seen by the recipient with its metadata live,
 * after a reconnect (catch-up from storage) and in history. The recipient
 * may then download it; the media service refuses files that are not the
 * sender's or not ready.
 */
import sharp from 'sharp';
import type { MessengerSocket } from '@messenger/client';
import type { WireAttachment } from '@messenger/protocol';
import { TestAccount, createAccount } from './support/accounts';
import { MediaApi } from './support/media';
import { SocketTracker, newClientMessageId, receivedMessages, sendMessage } from './support/sockets';
import { useTestSystem } from './support/system';

const system = useTestSystem();

describe('image attachment', () => {
  const sockets = new SocketTracker();
  let alice: TestAccount;
  let bob: TestAccount;
  let aliceSocket: MessengerSocket;
  let bobSocket: MessengerSocket;
  let aliceMedia: MediaApi;
  let bobMedia: MediaApi;
  let conversationId: string;
  let image: Buffer;
  let fileId: string;
  let expected: WireAttachment;

  beforeAll(async () => {
    const http = system.http('gateway-a');
    [alice, bob] = await Promise.all([createAccount(http, 'alice'), createAccount(http, 'bob')]);
    aliceMedia = new MediaApi(system.baseUrl('media'), alice.tokens.accessToken);
    bobMedia = new MediaApi(system.baseUrl('media'), bob.tokens.accessToken);
    aliceSocket = await sockets.connect(http, alice.tokens.accessToken, 'alice-phone');
    bobSocket = await sockets.connect(system.http('gateway-b'), bob.tokens.accessToken, 'bob-laptop');
    const opened = await aliceSocket.request<'conversation'>({ type: 'open_conversation', username: bob.username });
    conversationId = opened.conversation.conversationId;

    image = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#22aa66' } }).png().toBuffer();
    const upload = await aliceMedia.upload(image, { filename: 'garden.png' });
    expect(upload.final.status).toBe(204);
    fileId = upload.fileId;
    expected = {
      fileId,
      type: 'image/png',
      size: image.length,
      name: 'garden.png',
      width: 640,
      height: 480,
      thumbnails: [
        { variant: 'thumbnail-160', width: 160, height: 120 },
        { variant: 'thumbnail-480', width: 480, height: 360 },
        { variant: 'thumbnail-1280', width: 640, height: 480 },
      ],
    };
  });

  afterAll(() => sockets.closeAll());

  it('reaches the recipient with its metadata', async () => {
    const sent = await aliceSocket.request<'sent'>({
      type: 'send',
      conversationId,
      clientMessageId: newClientMessageId(),
      body: '',
      attachments: [fileId],
    });
    const received = await bobSocket.waitFor('message', (frame) => frame.seq === sent.seq && frame.conversationId === conversationId);

    expect(received.body).toBe('');
    expect(received.attachments).toEqual([expected]);
  });

  it('lets the recipient download the image and its thumbnails', async () => {
    const response = await bobMedia.file(fileId);
    expect(response.status).toBe(200);
    const view = (await response.json()) as { url: string; thumbnails: { url: string }[] };

    const original = await bobMedia.download(view.url);
    expect(original.status).toBe(200);
    expect(original.headers.get('content-type')).toBe('image/png');
    expect(original.headers.get('content-disposition')).toMatch(/^inline;/);
    expect(original.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await original.arrayBuffer()).equals(image)).toBe(true);
    const thumbnail = await bobMedia.download(view.thumbnails[0].url);
    expect(thumbnail.headers.get('content-type')).toBe('image/webp');
  });

  it('reaches the recipient after a reconnect, from storage', async () => {
    bobSocket.socket.terminate();
    await bobSocket.waitForClose();
    const sent = await sendMessage(aliceSocket, conversationId, 'the garden again');
    const withFile = await aliceSocket.request<'sent'>({
      type: 'send',
      conversationId,
      clientMessageId: newClientMessageId(),
      body: 'with the photo',
      attachments: [fileId],
    });

    bobSocket = await sockets.connect(system.http('gateway-a'), bob.tokens.accessToken, 'bob-laptop');
    const caughtUp = await bobSocket.waitFor('message', (frame) => frame.seq === withFile.seq);

    expect(caughtUp.attachments).toEqual([expected]);
    const plain = receivedMessages(bobSocket, conversationId).find((frame) => frame.seq === sent.seq);
    expect(plain?.attachments).toEqual([]);
  });

  it('appears in history', async () => {
    const page = await bobSocket.request<'history'>({ type: 'history', conversationId, limit: 10 });
    const withFiles = page.messages.filter((message) => message.attachments?.length);

    expect(withFiles).toHaveLength(2);
    for (const message of withFiles) expect(message.attachments).toEqual([expected]);
  });

  it('is refused when the file belongs to another user', async () => {
    const reply = aliceSocket.request<'sent'>({
      type: 'send',
      conversationId,
      clientMessageId: newClientMessageId(),
      body: 'not mine',
      attachments: [await bobUpload()],
    });

    await expect(reply).rejects.toThrow(/^PERMISSION_DENIED:/);
  });

  it('is refused while the upload is incomplete', async () => {
    const created = await aliceMedia.create(1000);
    const unfinished = created.headers.get('location')!.split('/').pop()!;

    const reply = aliceSocket.request<'sent'>({
      type: 'send',
      conversationId,
      clientMessageId: newClientMessageId(),
      body: 'too early',
      attachments: [unfinished],
    });

    await expect(reply).rejects.toThrow(/^FILE_NOT_READY:/);
  });

  it('lets a member see a file shared with them but not a stranger', async () => {
    const stranger = await createAccount(system.http('gateway-a'), 'stranger');

    const forStranger = await new MediaApi(system.baseUrl('media'), stranger.tokens.accessToken).file(fileId);
    const forBob = await bobMedia.file(fileId);

    expect(forStranger.status).toBe(403);
    expect(forBob.status).toBe(200);
  });

  async function bobUpload(): Promise<string> {
    const upload = await bobMedia.upload(Buffer.from('bob owns this text\n'), { filename: 'bob.txt' });
    expect(upload.final.status).toBe(204);

    return upload.fileId;
  }
});
