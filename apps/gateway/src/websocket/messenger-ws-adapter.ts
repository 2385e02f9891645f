import { INestApplicationContext } from '@nestjs/common';
import { WsAdapter } from '@nestjs/platform-ws';
import type { Logger } from '@messenger/logging';
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
    private readonly serviceLogger: Logger,
  ) {
    super(app);
  }

  /**
   * Logs a client socket's errors (such as a frame above the hard cap) at
   * debug level, since a misbehaving client is no server fault, and errors
   * of the listening server at error level.
   */
  override bindErrorHandler(server: {
    on(event: string, listener: (...args: never[]) => void): void;
  }): typeof server {
    server.on('connection', (socket: { on(event: 'error', listener: (error: Error) => void): void }) =>
      socket.on('error', (error: Error) => this.serviceLogger.debug({ err: error.message }, 'client socket error')),
    );
    server.on('error', (error: Error) => this.serviceLogger.error({ err: error }, 'websocket server error'));

    return server;
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
