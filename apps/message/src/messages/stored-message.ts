import type { WireMessage } from '@messenger/protocol';

/** A message as stored; the same fields travel in the proto Message and the wire "message" frame. */
export type StoredMessage = WireMessage;
