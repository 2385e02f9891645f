import { INestApplicationContext } from '@nestjs/common';
import { WsAdapter } from '@nestjs/platform-ws';
import { ConnectionAuthenticator } from './connection-authenticator';

/** Hard cap that the ws library enforces while reading; frames above MAX_FRAME_BYTES get a named error first. */
export const HARD_MAX_PAYLOAD_BYTES = 1024 * 1024;

/**
 * The ws adapter with the handshake authentication and payload cap of the
 * gateway. Frames are dispatched by MessengerGateway itself on the "type"
 * field, so NestJS's event-name dispatch is turned off.
 */
export class MessengerWsAdapter extends WsAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly authenticator: ConnectionAuthenticator,
  ) {
    super(app);
  }

  override create(port: number, options: Record<string, unknown> = {}): unknown {
    return super.create(port, {
      ...options,
      maxPayload: HARD_MAX_PAYLOAD_BYTES,
      perMessageDeflate: false,
      verifyClient: this.authenticator.verifyClient,
    });
  }

  override bindMessageHandlers(): void {
    // Frames are read by MessengerGateway, which validates them against the protocol schema.
  }
}
