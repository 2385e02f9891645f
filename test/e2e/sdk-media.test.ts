/**
 * Files through the SDK against the running platform. Uploads report
 * progress and survive a cut connection or an abort. An image sent in a
 * message reaches the recipient with its metadata, live and after a
 * reconnect, and the recipient can download it.
 */
import sharp from 'sharp';
import { createAccount, type TestAccount } from './support/accounts';
import { NetworkLink } from './support/network-link';
import { ClientTracker, eventsOf, eventually, type TrackedClient } from './support/sdk-clients';
import { sleep, useTestSystem } from './support/system';

const system = useTestSystem();

const CHUNK_BYTES = 64 * 1024;

/** Makes a PNG of noise, which does not compress, so that it spans several chunks. */
function noisyPng(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 60 } } })
    .png()
    .toBuffer();
}

describe('SDK media', () => {
  const clients = new ClientTracker();
  let alice: TestAccount;
  let bob: TestAccount;
  let sender: TrackedClient;
  let receiver: TrackedClient;
  let link: NetworkLink;
  let conversationId: string;
  let image: Buffer;

  beforeAll(async () => {
    const http = system.http('gateway-a');
    [alice, bob] = await Promise.all([createAccount(http, 'alice'), createAccount(http, 'bob')]);
    link = await NetworkLink.open(Number(new URL(system.baseUrl('media')).port));
    sender = await clients.online(alice, {
      baseUrl: system.baseUrl('gateway-a'),
      mediaUrl: link.baseUrl,
      deviceId: 'alice-phone',
    });
    receiver = await clients.online(bob, {
      baseUrl: system.baseUrl('gateway-b'),
      mediaUrl: system.baseUrl('media'),
      deviceId: 'bob-phone',
    });
    conversationId = (await sender.client.openConversation(bob.username)).conversationId;
    image = await noisyPng(320, 240);
  });

  afterAll(async () => {
    clients.disconnectAll();
    await link.close();
  });

  it('reports progress chunk by chunk up to the whole file', async () => {
    const progress: number[] = [];
    const fileId = await sender.client.upload(image, {
      name: 'noise.png',
      chunkBytes: CHUNK_BYTES,
      onProgress: (uploaded, total) => {
        expect(total).toBe(image.length);
        progress.push(uploaded);
      },
    });

    expect(progress[0]).toBe(0);
    expect(progress[progress.length - 1]).toBe(image.length);
    expect(progress.length).toBe(Math.ceil(image.length / CHUNK_BYTES) + 1);
    expect(await sender.client.file(fileId)).toMatchObject({ status: 'ready', type: 'image/png', width: 320, height: 240 });
  });

  it('continues after the connection is cut midway', async () => {
    const progress: number[] = [];
    let cut = false;
    const uploading = sender.client.upload(image, {
      chunkBytes: CHUNK_BYTES,
      onProgress: (uploaded) => {
        progress.push(uploaded);
        if (!cut && uploaded >= 2 * CHUNK_BYTES) {
          cut = true;
          link.cut();
          setTimeout(() => link.restore(), 1_000);
        }
      },
    });
    const fileId = await uploading;

    expect(cut).toBe(true);
    // The upload went on from the server's offset rather than from zero.
    expect(progress.filter((uploaded) => uploaded === 0)).toHaveLength(1);
    expect(progress[progress.length - 1]).toBe(image.length);
    expect((await sender.client.file(fileId)).size).toBe(image.length);
  });

  it('resumes an aborted upload from its file id', async () => {
    const controller = new AbortController();
    let createdId: string | undefined;
    await expect(
      sender.client.upload(image, {
        chunkBytes: CHUNK_BYTES,
        signal: controller.signal,
        onCreated: (fileId) => (createdId = fileId),
        onProgress: (uploaded) => {
          if (uploaded >= CHUNK_BYTES) controller.abort();
        },
      }),
    ).rejects.toThrow();
    expect(createdId).toBeDefined();

    const progress: number[] = [];
    const fileId = await sender.client.upload(image, {
      chunkBytes: CHUNK_BYTES,
      resumeFileId: createdId,
      onProgress: (uploaded) => progress.push(uploaded),
    });

    expect(fileId).toBe(createdId);
    expect(progress[0]).toBeGreaterThanOrEqual(CHUNK_BYTES);
    expect((await sender.client.file(fileId)).status).toBe('ready');
  });

  it('names the problem when the content is refused', async () => {
    const script = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

    await expect(sender.client.upload(script, { name: 'cat.png' })).rejects.toMatchObject({
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
  });

  it('delivers an image with its metadata, live and after a reconnect', async () => {
    const fileId = await sender.client.upload(image, { name: 'garden.png' });
    sender.client.send(conversationId, '', { attachments: [fileId] });
    const live = await eventually('bob receives the image', () =>
      eventsOf(receiver, 'message').find((message) => message.attachments?.[0]?.fileId === fileId),
    );
    expect(live.attachments?.[0]).toMatchObject({ fileId, type: 'image/png', width: 320, height: 240, name: 'garden.png' });

    const file = await receiver.client.file(fileId);
    const thumbnail = await fetch(file.thumbnails![0].url);
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get('content-type')).toBe('image/webp');

    receiver.client.disconnect();
    await sleep(200);
    const second = await sender.client.upload(await noisyPng(200, 100), { name: 'second.png' });
    sender.client.send(conversationId, 'while bob was away', { attachments: [second] });
    await eventually('alice sees it sent', () =>
      eventsOf(sender, 'outbox').some((item) => item.attachments?.[0] === second && item.state === 'sent') ? true : undefined,
    );
    receiver.client.connect();
    const caughtUp = await eventually('bob catches up', () =>
      eventsOf(receiver, 'message').find((message) => message.attachments?.[0]?.fileId === second),
    );
    expect(caughtUp).toMatchObject({ body: 'while bob was away' });
    expect(caughtUp.attachments?.[0]).toMatchObject({ type: 'image/png', width: 200, height: 100 });
  });
});
