import { messageV1, toWireAttachment } from '@messenger/grpc';
import type { WireMessage } from '@messenger/protocol';

/** Converts a message from the message service's gRPC API into its wire form, attachments included. */
export function toWireMessage(message: messageV1.Message__Output): WireMessage {
  return { ...message, attachments: message.attachments.map(toWireAttachment) };
}
