import { ErrorCode } from './errors';
import { FrameValidator } from './frame-validator';
import { MAX_ATTACHMENTS, MAX_BODY_LENGTH } from './limits';

const conversationId = '5b0f7a3e-2f0c-4d8e-9d55-6f1f2f0b8c11';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code;
  }

  return undefined;
}

describe('FrameValidator', () => {
  const sut = new FrameValidator();

  it('accepts a valid send frame', () => {
    const frame = sut.parse(
      JSON.stringify({ type: 'send', id: 'r1', conversationId, clientMessageId: 'c-1', body: 'hi' }),
    );

    expect(frame.type).toBe('send');
  });

  it('rejects malformed JSON', () => {
    expect(codeOf(() => sut.parse('{"type":'))).toBe(ErrorCode.MALFORMED_JSON);
  });

  it('rejects a non-object frame', () => {
    expect(codeOf(() => sut.parse('[1,2]'))).toBe(ErrorCode.INVALID_FIELD);
    expect(codeOf(() => sut.parse('"send"'))).toBe(ErrorCode.INVALID_FIELD);
  });

  it('rejects an unknown type', () => {
    expect(codeOf(() => sut.parse('{"type":"explode"}'))).toBe(ErrorCode.UNKNOWN_TYPE);
  });

  it('names the missing field', () => {
    expect(() => sut.parse(JSON.stringify({ type: 'send', conversationId, body: 'x' }))).toThrow(
      '"send" frame is missing field "clientMessageId"',
    );
  });

  it('names an unknown field', () => {
    expect(() => sut.parse(JSON.stringify({ type: 'heartbeat', extra: 1 }))).toThrow(
      '"heartbeat" frame has unknown field "extra"',
    );
  });

  it('rejects a conversation id that is not a uuid', () => {
    const raw = JSON.stringify({ type: 'ack', conversationId: '../etc', seq: 1 });

    expect(() => sut.parse(raw)).toThrow('field "conversationId"');
  });

  it('rejects a fractional or negative seq', () => {
    expect(codeOf(() => sut.parse(JSON.stringify({ type: 'read', conversationId, seq: 1.5 })))).toBe(
      ErrorCode.INVALID_FIELD,
    );
    expect(codeOf(() => sut.parse(JSON.stringify({ type: 'read', conversationId, seq: -1 })))).toBe(
      ErrorCode.INVALID_FIELD,
    );
  });

  it('rejects a body over the limit', () => {
    const body = 'x'.repeat(MAX_BODY_LENGTH + 1);
    const raw = JSON.stringify({ type: 'send', conversationId, clientMessageId: 'c', body });

    expect(() => sut.parse(raw)).toThrow('field "body"');
  });
});

describe('FrameValidator normalization', () => {
  const sut = new FrameValidator();

  it('lower-cases conversation ids', () => {
    const frame = sut.parse(JSON.stringify({ type: 'ack', conversationId: conversationId.toUpperCase(), seq: 1 }));

    expect(frame.type).toBe('ack');
    expect((frame as { conversationId: string }).conversationId).toBe(conversationId);
  });

  it('counts body length in UTF-16 code units', () => {
    const body = '😀'.repeat(MAX_BODY_LENGTH / 2 + 1);
    const raw = JSON.stringify({ type: 'send', conversationId, clientMessageId: 'c', body });

    expect(codeOf(() => sut.parse(raw))).toBe(ErrorCode.INVALID_FIELD);
  });

  it('rejects an unpaired surrogate in the body', () => {
    const raw = JSON.stringify({ type: 'send', conversationId, clientMessageId: 'c', body: 'a\ud83db' });

    expect(() => sut.parse(raw)).toThrow('unpaired surrogate');
  });

  it('accepts paired surrogates', () => {
    const raw = JSON.stringify({ type: 'send', conversationId, clientMessageId: 'c', body: 'ok 😀' });

    expect(sut.parse(raw).type).toBe('send');
  });
});

describe('FrameValidator attachments', () => {
  const sut = new FrameValidator();
  const fileId = '9a7c1f3e-5b2d-4c8e-8f11-2a3b4c5d6e7f';
  const send = (fields: Record<string, unknown>) =>
    JSON.stringify({ type: 'send', conversationId, clientMessageId: 'c', body: '', ...fields });

  it('accepts an empty body with attachments', () => {
    const frame = sut.parse(send({ attachments: [fileId.toUpperCase()] }));

    expect(frame.type).toBe('send');
    expect((frame as { attachments: string[] }).attachments).toEqual([fileId]);
  });

  it('rejects an empty body without attachments', () => {
    expect(() => sut.parse(send({}))).toThrow('must not be empty without attachments');
    expect(() => sut.parse(send({ attachments: [] }))).toThrow('must not be empty without attachments');
  });

  it('rejects more attachments than the limit', () => {
    const ids = Array.from({ length: MAX_ATTACHMENTS + 1 }, (_, index) => `${fileId.slice(0, -2)}${String(index).padStart(2, '0')}`);

    expect(codeOf(() => sut.parse(send({ attachments: ids })))).toBe(ErrorCode.INVALID_FIELD);
  });

  it('rejects a repeated file id', () => {
    expect(codeOf(() => sut.parse(send({ attachments: [fileId, fileId] })))).toBe(ErrorCode.INVALID_FIELD);
  });

  it('rejects a file id that is not a uuid', () => {
    expect(() => sut.parse(send({ attachments: ['../../etc/passwd'] }))).toThrow('field "attachments.0"');
  });
});
