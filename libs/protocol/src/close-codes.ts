/** WebSocket close codes the gateway uses; docs/protocol.md describes what a client does on each. */
export enum CloseCode {
  NORMAL = 1000,
  /** The frame exceeded MAX_FRAME_BYTES (the ws library closes with this code). */
  FRAME_TOO_LARGE = 1009,
  INTERNAL_ERROR = 1011,
  /** The gateway is shutting down: reconnect, possibly to another gateway. */
  SERVER_RESTART = 1012,
  /** The access token expired and was not refreshed in time. */
  TOKEN_EXPIRED = 4001,
  /** The session was logged out or its refresh token was revoked. */
  SESSION_REVOKED = 4002,
  /** Too many invalid frames in a row; the client is likely broken. */
  TOO_MANY_ERRORS = 4003,
  /** No heartbeat or pong within the heartbeat timeout. */
  HEARTBEAT_TIMEOUT = 4004,
  /** The client read too slowly and the server's send buffer for it passed its limit. */
  SLOW_CONSUMER = 4005,
}
