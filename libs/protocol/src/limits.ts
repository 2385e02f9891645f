export const PROTOCOL_VERSION = 1;
export const WEBSOCKET_PATH = '/v1/ws';
/** Largest frame the gateway accepts, in bytes; larger frames close the connection with 1009. */
export const MAX_FRAME_BYTES = 64 * 1024;
/** Maximum message body length, in UTF-16 code units (JavaScript string length). */
export const MAX_BODY_LENGTH = 4096;
/** Maximum number of files attached to one message. */
export const MAX_ATTACHMENTS = 10;
export const MAX_HISTORY_PAGE = 200;
/** Maximum number of conversations in one list_conversations page. */
export const MAX_CONVERSATION_PAGE = 100;
/** Bytes queued for one client after which the gateway closes the connection with SLOW_CONSUMER. */
export const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
/** Requests of one connection that the gateway works on at once; more get RATE_LIMITED. */
export const MAX_REQUESTS_IN_FLIGHT = 16;
/** Bytes queued for a client above which the gateway takes no new requests from it. */
export const MAX_BUFFERED_BYTES_FOR_REQUESTS = 1024 * 1024;
/** Invalid frames in a row after which the gateway closes with TOO_MANY_ERRORS. */
export const MAX_CONSECUTIVE_ERRORS = 20;
/** How long a typing indicator stays on without a new active frame, in ms. */
export const TYPING_TTL_MS = 6000;
/** Shortest interval at which the gateway forwards active typing frames of one connection and conversation, in ms. */
export const TYPING_REFRESH_MS = 2000;
