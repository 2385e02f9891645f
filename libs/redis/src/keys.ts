/**
 * Every Redis key and channel of the platform, in one place, so that
 * docs/architecture.md and the code agree. All keys start with "messenger:".
 */
export const RedisKeys = {
  /** ZSET of gateway ids that hold a connection of the user, scored by expiry time (ms). */
  route: (userId: string) => `messenger:route:${userId}`,
  /** Pub/Sub channel of one gateway process: deliveries for its connections only. */
  gatewayChannel: (gatewayId: string) => `messenger:gateway:${gatewayId}`,
  /** ZSET of a user's devices, scored by the time (ms) each expires. */
  presenceDevices: (userId: string) => `messenger:presence:devices:${userId}`,
  /** HASH with the user's status ("online"/"offline") and lastSeenAt (ms). */
  presenceState: (userId: string) => `messenger:presence:state:${userId}`,
  /** HASH of device id to the gateway connection that sent the device's latest heartbeat. */
  presenceConnections: (userId: string) => `messenger:presence:connections:${userId}`,
  /** ZSET of "userId|deviceId" scored by expiry time (ms), scanned by the presence sweeper. */
  presenceExpiry: () => 'messenger:presence:expiry',
  /** STRING JSON record of a refresh token, keyed by the SHA-256 of the token. */
  refreshToken: (tokenHash: string) => `messenger:auth:refresh:${tokenHash}`,
  /** STRING session record: user id and the hash of the session's current refresh token. */
  session: (sessionId: string) => `messenger:auth:session:${sessionId}`,
  /** STRING present while a revoked session's access tokens may still be unexpired. */
  revokedSession: (sessionId: string) => `messenger:auth:revoked:${sessionId}`,
  /** STRING "<last forwarded start (ms)>:<1 typing, 0 stopped>" of a user in a conversation, expiring with the indicator. */
  typing: (conversationId: string, userId: string) => `messenger:typing:${conversationId}:${userId}`,
  /** STRING counter of failed login attempts in the current window. */
  loginAttempts: (scope: string) => `messenger:auth:login-attempts:${scope}`,
};
