import { AppError, ErrorCode, MAX_BODY_LENGTH } from '@messenger/protocol';
import { createLogger } from '@messenger/logging';
import type { ConversationsService } from '../conversations/conversations.service';
import type { MessageWriter, NewMessage } from './message-writer';
import { MessagesService } from './messages.service';

const conversationId = '5b0f7a3e-2f0c-4d8e-9d55-6f1f2f0b8c11';
const senderId = '0d6f8f0e-3c1a-4f4e-8a55-1f1f2f0b8c22';

const fileId = '9a7c1f3e-5b2d-4c8e-8f11-2a3b4c5d6e7f';

interface AttachCall {
  userId: string;
  conversationId: string;
  fileIds: string[];
}

function serviceWith(members: string[], written: NewMessage[], attachCalls: AttachCall[] = []): MessagesService {
  const conversations = {
    requireMember: async (_conversationId: string, userId: string) => {
      if (!members.includes(userId)) throw new AppError(ErrorCode.NOT_A_MEMBER, 'not a member');

      return members;
    },
  } as unknown as ConversationsService;
  const writer = {
    write: async (request: NewMessage) => {
      written.push(request);

      return { message: { ...request, messageId: 'm1', seq: 1, createdAt: 1 }, duplicate: false };
    },
  } as unknown as MessageWriter;
  const ignored = {} as never;
  const router = { route: async () => 1 } as never;
  const receipts = { advanceDevice: async () => undefined, advanceMember: async () => undefined } as never;
  const events = { publishInBackground: () => undefined } as never;

  const media = {
    AttachFiles: async (request: AttachCall) => {
      attachCalls.push(request);

      return {
        attachments: request.fileIds.map((id) => ({
          fileId: id,
          type: 'image/png',
          size: 68,
          name: '',
          width: 1,
          height: 1,
          thumbnails: [{ variant: 'thumbnail-160', width: 1, height: 1 }],
        })),
      };
    },
  } as never;

  return new MessagesService(conversations, writer, ignored, receipts, router, events, createLogger('test', 'silent'), media);
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return (error as AppError).code;
  }

  return undefined;
}

describe('MessagesService.send', () => {
  const valid: NewMessage = { conversationId, senderId, senderDeviceId: 'laptop', clientMessageId: 'c-1', body: 'hi' };

  it('stores a valid message of a member', async () => {
    const written: NewMessage[] = [];
    const sut = serviceWith([senderId], written);

    const result = await sut.send(valid);

    expect(result.message.seq).toBe(1);
    expect(written).toHaveLength(1);
  });

  it('rejects a sender who is not a member', async () => {
    const written: NewMessage[] = [];
    const sut = serviceWith([], written);

    expect(await codeOf(sut.send(valid))).toBe(ErrorCode.NOT_A_MEMBER);
    expect(written).toHaveLength(0);
  });

  it.each([
    ['an empty body', { body: '' }],
    ['a body over the limit', { body: 'x'.repeat(MAX_BODY_LENGTH + 1) }],
    ['a client message id with a space', { clientMessageId: 'a b' }],
    ['a conversation id that is not a UUID', { conversationId: 'not-a-uuid' }],
    ['an empty device id', { senderDeviceId: '' }],
  ])('rejects %s', async (_case, change) => {
    const written: NewMessage[] = [];
    const sut = serviceWith([senderId], written);

    expect(await codeOf(sut.send({ ...valid, ...change }))).toBe(ErrorCode.INVALID_ARGUMENT);
    expect(written).toHaveLength(0);
  });
});

describe('MessagesService.send with attachments', () => {
  const valid = { conversationId, senderId, senderDeviceId: 'laptop', clientMessageId: 'c-2', body: '' };

  it('stores the metadata that the media service returns', async () => {
    const written: NewMessage[] = [];
    const calls: AttachCall[] = [];
    const sut = serviceWith([senderId], written, calls);

    await sut.send({ ...valid, attachmentFileIds: [fileId.toUpperCase()] });

    expect(calls).toEqual([{ userId: senderId, conversationId, fileIds: [fileId] }]);
    expect(written[0].attachments).toEqual([
      { fileId, type: 'image/png', size: 68, width: 1, height: 1, thumbnails: [{ variant: 'thumbnail-160', width: 1, height: 1 }] },
    ]);
  });

  it('checks membership before sharing files', async () => {
    const calls: AttachCall[] = [];
    const sut = serviceWith([], [], calls);

    expect(await codeOf(sut.send({ ...valid, attachmentFileIds: [fileId] }))).toBe(ErrorCode.NOT_A_MEMBER);
    expect(calls).toHaveLength(0);
  });

  it.each([
    ['a repeated file id', [fileId, fileId]],
    ['a file id that is not a UUID', ['../etc/passwd']],
    ['more files than the limit', Array.from({ length: 11 }, () => fileId)],
  ])('rejects %s', async (_case, attachmentFileIds) => {
    const calls: AttachCall[] = [];
    const sut = serviceWith([senderId], [], calls);

    expect(await codeOf(sut.send({ ...valid, attachmentFileIds }))).toBe(ErrorCode.INVALID_ARGUMENT);
    expect(calls).toHaveLength(0);
  });
});
