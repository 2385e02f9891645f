import { BeforeApplicationShutdown, Inject, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayDisconnect, WebSocketGateway } from '@nestjs/websockets';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RawData, WebSocket } from 'ws';
import { MessageClient, PresenceClient } from '@messenger/grpc';
import { LOGGER, Logger, withCorrelationId } from '@messenger/logging';
import { serviceMetrics } from '@messenger/observability';
import {
  AppError,
  CloseCode,
  ErrorCode,
  FrameValidator,
  MAX_BUFFERED_BYTES_FOR_REQUESTS,
  MAX_CONSECUTIVE_ERRORS,
  MAX_FRAME_BYTES,
  MAX_REQUESTS_IN_FLIGHT,
  PROTOCOL_VERSION,
  WEBSOCKET_PATH,
  requestIdOf,
} from '@messenger/protocol';
import { MESSAGE_CLIENT, PRESENCE_CLIENT } from '../clients/clients.module';
import { GATEWAY_CONFIG, GatewayConfig } from '../config/gateway.config';
import { StreamSink } from '../delivery/conversation-stream';
import { DeliverySubscriber } from '../delivery/delivery-subscriber';
import { Connection } from './connection';
import { ConnectionAuthenticator, identityOf } from './connection-authenticator';
import { ConnectionRegistry } from './connection-registry';
import { FrameDispatcher } from './frame-dispatcher';
import { FrameRateLimiter } from './frame-rate-limiter';
import { toWireMessage } from './wire-message';

/**
 * The client WebSocket endpoint: sets up each authenticated connection,
 * validates every frame against the protocol schema before dispatching it,
 * keeps connections alive with pings, and drains them on shutdown.
 */
@WebSocketGateway({ path: WEBSOCKET_PATH })
export class MessengerGateway
  implements OnGatewayConnection, OnGatewayDisconnect, OnModuleInit, OnModuleDestroy, BeforeApplicationShutdown
{
  private readonly validator = new FrameValidator();
  private readonly bySocket = new WeakMap<WebSocket, Connection>();
  private pingTimer: NodeJS.Timeout | undefined;
  private readonly framesIn = serviceMetrics().counter('frames_in_total', 'Frames received from clients', ['type']);
  private readonly framesOut = serviceMetrics().counter('frames_out_total', 'Frames sent to clients', ['type']);
  private readonly frameErrors = serviceMetrics().counter('frame_errors_total', 'Rejected client frames', ['code']);

  constructor(
    private readonly connections: ConnectionRegistry,
    private readonly dispatcher: FrameDispatcher,
    private readonly authenticator: ConnectionAuthenticator,
    private readonly deliveries: DeliverySubscriber,
    @Inject(MESSAGE_CLIENT) private readonly messages: MessageClient,
    @Inject(PRESENCE_CLIENT) private readonly presence: PresenceClient,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.pingTimer = setInterval(() => this.checkLiveness(), this.config.heartbeatIntervalMs);
    this.pingTimer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.pingTimer);
  }

  async handleConnection(socket: WebSocket, request: IncomingMessage): Promise<void> {
    const identity = identityOf(request);
    if (!identity) {
      socket.close(CloseCode.INTERNAL_ERROR, 'connection was not authenticated');

      return;
    }
    const connection = new Connection(
      socket,
      { connectionId: randomUUID(), ...identity },
      (owner, conversationId) => this.streamSink(owner, conversationId),
      (frame) => this.framesOut.inc({ type: frame.type }),
    );
    connection.rateLimiter = new FrameRateLimiter(this.config.maxFramesPerSecond, this.config.maxFramesPerSecond * 2);
    this.bySocket.set(socket, connection);
    socket.on('message', (data, isBinary) => this.handleFrame(connection, data, isBinary));
    socket.on('pong', () => (connection.lastActivityAt = Date.now()));
    connection.scheduleExpiry(identity.claims);

    await withCorrelationId(connection.connectionId, async () => {
      this.logger.info(
        { connectionId: connection.connectionId, userId: connection.userId, deviceId: connection.deviceId },
        'client connected',
      );
      try {
        await this.connections.add(connection);
        // Read the positions before the welcome, so that nothing the client sends can move them first.
        const { positions } = await this.messages.GetSyncState({
          userId: connection.userId,
          deviceId: connection.deviceId,
        });
        connection.send({
          type: 'welcome',
          protocolVersion: PROTOCOL_VERSION,
          connectionId: connection.connectionId,
          userId: connection.userId,
          deviceId: connection.deviceId,
          heartbeatIntervalMs: this.config.heartbeatIntervalMs,
          maxFrameBytes: MAX_FRAME_BYTES,
          tokenExpiresAt: identity.claims.expiresAt,
        });
        await this.announceOnline(connection);
        await connection.startDelivery(positions);
      } catch (error) {
        this.logger.error({ connectionId: connection.connectionId, err: error }, 'connection setup failed');
        connection.close(CloseCode.INTERNAL_ERROR, 'connection setup failed; reconnect');
      }
    });
  }

  /**
   * Sends the connection's first presence heartbeat. Messaging works without
   * presence, so a failure is logged and the connection stays; the client's
   * next heartbeat frame tries again.
   */
  private async announceOnline(connection: Connection): Promise<void> {
    try {
      await this.presence.Heartbeat({
        userId: connection.userId,
        deviceId: connection.deviceId,
        connectionId: connection.connectionId,
      });
    } catch (error) {
      this.logger.warn({ connectionId: connection.connectionId, err: error }, 'first presence heartbeat failed');
    }
  }

  async handleDisconnect(socket: WebSocket): Promise<void> {
    const connection = this.bySocket.get(socket);
    if (!connection) return;
    this.bySocket.delete(socket);
    connection.dispose();
    await withCorrelationId(connection.connectionId, async () => {
      this.logger.info({ connectionId: connection.connectionId, userId: connection.userId }, 'client disconnected');
      try {
        await this.connections.remove(connection);
        await this.presence.Disconnect({
          userId: connection.userId,
          deviceId: connection.deviceId,
          connectionId: connection.connectionId,
        });
      } catch (error) {
        this.logger.warn({ connectionId: connection.connectionId, err: error }, 'disconnect cleanup failed');
      }
    });
  }

  /** Stops accepting connections, closes each with 1012 so that clients reconnect elsewhere, and waits up to the grace period. */
  async beforeApplicationShutdown(): Promise<void> {
    this.authenticator.stopAccepting();
    const open = this.connections.all();
    this.logger.info({ connections: open.length }, 'draining connections');
    for (const connection of open) connection.close(CloseCode.SERVER_RESTART, 'server restart; reconnect');
    const deadline = Date.now() + this.config.shutdownGraceMs;
    while (this.connections.size > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    for (const connection of this.connections.all()) connection.socket.terminate();
  }

  private handleFrame(connection: Connection, data: RawData, isBinary: boolean): void {
    connection.lastActivityAt = Date.now();
    withCorrelationId(connection.connectionId, () => {
      const raw = toBuffer(data);
      let requestId: string | undefined;
      try {
        if (raw.length > MAX_FRAME_BYTES) {
          throw new AppError(ErrorCode.FRAME_TOO_LARGE, `frame of ${raw.length} bytes exceeds the ${MAX_FRAME_BYTES}-byte limit`);
        }
        if (isBinary) {
          throw new AppError(ErrorCode.INVALID_FIELD, 'binary frames are not supported; send JSON text frames');
        }
        const value = this.validator.parseJson(raw.toString('utf8'));
        requestId = requestIdOf(value);
        const frame = this.validator.validate(value);
        this.framesIn.inc({ type: frame.type });
        // Receipts skip these limits because ReceiptCoalescer keeps at most one call per conversation in flight.
        const isReceipt = frame.type === 'ack' || frame.type === 'read';
        if (!isReceipt) this.admitRequest(connection, frame.type !== 'heartbeat');
        connection.consecutiveErrors = 0;
        this.dispatcher
          .dispatch(connection, frame)
          .catch((error: unknown) => this.reject(connection, error, requestId))
          .finally(() => {
            if (!isReceipt && frame.type !== 'heartbeat') connection.requestsInFlight--;
          });
      } catch (error) {
        this.reject(connection, error, requestId);
      }
    });
  }

  /** Applies the per-connection rate, concurrency and output limits to a request, counting it in flight. */
  private admitRequest(connection: Connection, countInFlight: boolean): void {
    const waitMs = connection.rateLimiter?.take() ?? 0;
    if (waitMs > 0) {
      throw new AppError(
        ErrorCode.RATE_LIMITED,
        `more than ${this.config.maxFramesPerSecond} frames per second; the frame was dropped`,
        waitMs,
      );
    }
    if (!countInFlight) return;
    if (connection.requestsInFlight >= MAX_REQUESTS_IN_FLIGHT) {
      throw new AppError(ErrorCode.RATE_LIMITED, `more than ${MAX_REQUESTS_IN_FLIGHT} requests in flight; wait for replies`, 100);
    }
    if (connection.socket.bufferedAmount > MAX_BUFFERED_BYTES_FOR_REQUESTS) {
      throw new AppError(ErrorCode.RATE_LIMITED, 'replies are queued because the client is not reading; read them first', 100);
    }
    connection.requestsInFlight++;
  }

  private reject(connection: Connection, error: unknown, requestId: string | undefined): void {
    const appError =
      error instanceof AppError ? error : new AppError(ErrorCode.INTERNAL, 'internal error; the request was not carried out');
    if (!(error instanceof AppError)) {
      this.logger.error({ connectionId: connection.connectionId, err: error }, 'frame handling failed');
    }
    this.frameErrors.inc({ code: appError.code });
    connection.send({
      type: 'error',
      id: requestId,
      code: appError.code,
      message: appError.message,
      retryAfterMs: appError.retryAfterMs,
    });
    if (appError.code === ErrorCode.FRAME_TOO_LARGE) {
      connection.close(CloseCode.FRAME_TOO_LARGE, `frame exceeds the ${MAX_FRAME_BYTES}-byte limit`);
    } else if (INVALID_FRAME_CODES.has(appError.code) && ++connection.consecutiveErrors >= MAX_CONSECUTIVE_ERRORS) {
      connection.close(CloseCode.TOO_MANY_ERRORS, `${MAX_CONSECUTIVE_ERRORS} invalid frames in a row`);
    }
  }

  private streamSink(connection: Connection, conversationId: string): StreamSink {
    return {
      send: (message, source) => {
        connection.send({ type: 'message', ...message });
        this.deliveries.recordDelivered(message.createdAt, source);
      },
      gap: (fromSeq, toSeq, reason) => connection.send({ type: 'gap', conversationId, fromSeq, toSeq, reason }),
      fetchAfter: async (afterSeq, limit) => {
        const page = await this.messages.GetHistory({
          userId: connection.userId,
          conversationId,
          afterSeq,
          beforeSeq: 0,
          forward: true,
          limit,
        });

        return { messages: page.messages.map(toWireMessage), lastSeq: page.lastSeq };
      },
      failed: (error) => {
        this.logger.error({ connectionId: connection.connectionId, conversationId, err: error }, 'catch-up failed');
        connection.send({
          type: 'error',
          code: ErrorCode.UNAVAILABLE,
          conversationId,
          message: `catch-up of conversation ${conversationId} failed; send a sync frame to retry`,
        });
      },
    };
  }

  /** Pings every connection and closes those silent for longer than the heartbeat timeout. */
  private checkLiveness(): void {
    const silentSince = Date.now() - this.config.heartbeatTimeoutMs;
    for (const connection of this.connections.all()) {
      if (connection.lastActivityAt < silentSince) {
        this.logger.info({ connectionId: connection.connectionId }, 'closing silent connection');
        connection.close(CloseCode.HEARTBEAT_TIMEOUT, 'no heartbeat within the timeout');
        connection.socket.terminate();
      } else if (connection.isOpen) {
        connection.socket.ping();
      }
    }
  }
}

/** Errors that show a broken client; only these count towards MAX_CONSECUTIVE_ERRORS. */
const INVALID_FRAME_CODES = new Set<string>([ErrorCode.MALFORMED_JSON, ErrorCode.UNKNOWN_TYPE, ErrorCode.INVALID_FIELD]);

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);

  return Buffer.from(data);
}
