import type { WireMessage, WirePresence, WireTyping } from '@messenger/protocol';

export interface ReceiptPositions {
  conversationId: string;
  userId: string;
  deliveredSeq: number;
  readSeq: number;
}

/** Payload that a service sends to the gateways holding the target users' connections. */
export type Delivery =
  | { kind: 'message'; message: WireMessage; storedAt: number }
  | { kind: 'receipt'; receipt: ReceiptPositions }
  | { kind: 'presence'; presence: WirePresence }
  | { kind: 'typing'; typing: WireTyping };

/** A delivery with the subset of its target users that one gateway holds. */
export interface GatewayDelivery {
  userIds: string[];
  delivery: Delivery;
}

/**
 * Encodes a gateway-channel payload as "<userId>,<userId>...\n<delivery JSON>":
 * the router's Lua script prepends each gateway's users without parsing JSON.
 */
export function decodeGatewayDelivery(payload: string): GatewayDelivery {
  const newline = payload.indexOf('\n');
  if (newline < 0) {
    throw new Error('gateway delivery has no user list');
  }

  return {
    userIds: payload.slice(0, newline).split(',').filter(Boolean),
    delivery: JSON.parse(payload.slice(newline + 1)) as Delivery,
  };
}
