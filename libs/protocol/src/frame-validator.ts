import Ajv, { ErrorObject, JSONSchemaType, ValidateFunction } from 'ajv';
import { AppError, ErrorCode } from './errors';
import { ClientFrame, ClientFrameType, SendFrame } from './frames';
import { MAX_ATTACHMENTS, MAX_BODY_LENGTH, MAX_CONVERSATION_PAGE, MAX_HISTORY_PAGE } from './limits';

const requestId = { type: 'string', minLength: 1, maxLength: 64, nullable: true } as const;
const conversationId = { type: 'string', format: 'uuid' } as const;
const seq = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER } as const;
const optionalSeq = { ...seq, nullable: true } as const;

function frameSchema<T extends ClientFrame>(
  type: T['type'],
  properties: Record<string, unknown>,
  required: string[],
): JSONSchemaType<T> {
  return {
    type: 'object',
    properties: { type: { type: 'string', const: type }, ...properties },
    required: ['type', ...required],
    additionalProperties: false,
  } as unknown as JSONSchemaType<T>;
}

/** JSON Schemas of every client frame; docs/protocol.md lists the same fields. */
export const CLIENT_FRAME_SCHEMAS: { [K in ClientFrameType]: JSONSchemaType<Extract<ClientFrame, { type: K }>> } = {
  send: frameSchema('send', {
    id: requestId,
    conversationId,
    clientMessageId: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._:-]+$' },
    body: { type: 'string', maxLength: MAX_BODY_LENGTH },
    attachments: {
      type: 'array',
      items: { type: 'string', format: 'uuid' },
      maxItems: MAX_ATTACHMENTS,
      uniqueItems: true,
      nullable: true,
    },
  }, ['conversationId', 'clientMessageId', 'body']),
  ack: frameSchema('ack', { id: requestId, conversationId, seq: { ...seq, minimum: 1 } }, ['conversationId', 'seq']),
  read: frameSchema('read', { id: requestId, conversationId, seq: { ...seq, minimum: 1 } }, ['conversationId', 'seq']),
  heartbeat: frameSchema('heartbeat', { id: requestId }, []),
  open_conversation: frameSchema('open_conversation', {
    id: requestId,
    username: { type: 'string', minLength: 1, maxLength: 32 },
  }, ['username']),
  list_conversations: frameSchema('list_conversations', {
    id: requestId,
    limit: { type: 'integer', minimum: 1, maximum: MAX_CONVERSATION_PAGE, nullable: true },
    cursor: { type: 'string', minLength: 1, maxLength: 100, nullable: true },
  }, []),
  history: frameSchema('history', {
    id: requestId,
    conversationId,
    beforeSeq: optionalSeq,
    afterSeq: optionalSeq,
    limit: { type: 'integer', minimum: 1, maximum: MAX_HISTORY_PAGE, nullable: true },
  }, ['conversationId']),
  sync: frameSchema('sync', { id: requestId, conversationId, afterSeq: seq }, ['conversationId', 'afterSeq']),
  get_presence: frameSchema('get_presence', {
    id: requestId,
    userIds: { type: 'array', items: { type: 'string', format: 'uuid' }, minItems: 1, maxItems: 100 },
  }, ['userIds']),
  typing: frameSchema('typing', { id: requestId, conversationId, active: { type: 'boolean' } }, [
    'conversationId',
    'active',
  ]),
  refresh_token: frameSchema('refresh_token', {
    id: requestId,
    accessToken: { type: 'string', minLength: 1, maxLength: 4096 },
  }, ['accessToken']),
};

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Parses and validates raw client frames; throws AppError with a code that names the problem. */
export class FrameValidator {
  private readonly validators = new Map<string, ValidateFunction>();

  constructor() {
    const ajv = new Ajv({ allErrors: false, strict: true });
    ajv.addFormat('uuid', UUID_PATTERN);
    for (const [type, schema] of Object.entries(CLIENT_FRAME_SCHEMAS)) {
      this.validators.set(type, ajv.compile(schema));
    }
  }

  parse(raw: string): ClientFrame {
    return this.validate(this.parseJson(raw));
  }

  parseJson(raw: string): unknown {
    try {
      return JSON.parse(raw);
    } catch {
      throw new AppError(ErrorCode.MALFORMED_JSON, 'frame is not valid JSON');
    }
  }

  validate(value: unknown): ClientFrame {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new AppError(ErrorCode.INVALID_FIELD, 'frame must be a JSON object');
    }
    const type = (value as { type?: unknown }).type;
    if (typeof type !== 'string') {
      throw new AppError(ErrorCode.INVALID_FIELD, 'frame is missing the string field "type"');
    }
    const validate = this.validators.get(type);
    if (!validate) {
      throw new AppError(ErrorCode.UNKNOWN_TYPE, `unknown frame type "${type.slice(0, 40)}"`);
    }
    if (!validate(value)) {
      throw new AppError(ErrorCode.INVALID_FIELD, describeError(type, validate.errors?.[0]));
    }
    const body = (value as { body?: unknown }).body;
    // Ajv's maxLength counts code points; the limit is in UTF-16 code units, as JavaScript counts.
    if (typeof body === 'string' && body.length > MAX_BODY_LENGTH) {
      throw new AppError(
        ErrorCode.INVALID_FIELD,
        `"${type}" frame field "body" must NOT have more than ${MAX_BODY_LENGTH} UTF-16 code units`,
      );
    }
    if (typeof body === 'string' && !isWellFormed(body)) {
      throw new AppError(ErrorCode.INVALID_FIELD, `"${type}" frame field "body" contains an unpaired surrogate`);
    }
    if (type === 'send' && body === '' && !(value as SendFrame).attachments?.length) {
      throw new AppError(ErrorCode.INVALID_FIELD, '"send" frame field "body" must not be empty without attachments');
    }

    return normalizeIds(value as ClientFrame);
  }
}

/** Returns false for a string with an unpaired UTF-16 surrogate, which would not survive UTF-8 storage. */
export function isWellFormed(text: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

/** Lower-cases UUIDs, so that one conversation or user has one spelling everywhere. */
function normalizeIds(frame: ClientFrame): ClientFrame {
  if ('conversationId' in frame) frame.conversationId = frame.conversationId.toLowerCase();
  if (frame.type === 'get_presence') frame.userIds = frame.userIds.map((userId) => userId.toLowerCase());
  if (frame.type === 'send' && frame.attachments) {
    frame.attachments = frame.attachments.map((fileId) => fileId.toLowerCase());
  }

  return frame;
}

/** Returns the request id of a parsed frame that may still fail validation, for its error frame. */
export function requestIdOf(value: unknown): string | undefined {
  const id = (value as { id?: unknown } | null)?.id;

  return typeof id === 'string' && id.length > 0 && id.length <= 64 ? id : undefined;
}

function describeError(type: string, error: ErrorObject | undefined): string {
  if (!error) return `invalid "${type}" frame`;
  if (error.keyword === 'additionalProperties') {
    return `"${type}" frame has unknown field "${String(error.params.additionalProperty)}"`;
  }
  if (error.keyword === 'required') {
    return `"${type}" frame is missing field "${String(error.params.missingProperty)}"`;
  }
  const field = error.instancePath.replace(/^\//, '').replace(/\//g, '.');

  return `"${type}" frame field "${field}" ${error.message ?? 'is invalid'}`;
}
