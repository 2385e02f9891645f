export * from './backoff';
export * from './client';
export type { ConnectionState, WebSocketConstructor, WebSocketLike } from './connection';
export * from './errors';
export * from './http-api';
export type { OutboxItem, OutboxState } from './outbox';
export * from './store';
export type { TypingChange } from './typing';
export { TYPING_IDLE_MS, TYPING_REFRESH_MS } from './typing';
