import { Injectable } from '@nestjs/common';
import type { presenceV1 } from '@messenger/grpc';
import { serviceMetrics } from '@messenger/observability';
import { PresenceRepository } from './presence.repository';
import { validateId, validateUserIds } from './presence.validation';
import { TransitionPublisher } from './transition.publisher';

const STATUS_NAMES = {
  online: 'PRESENCE_STATUS_ONLINE',
  offline: 'PRESENCE_STATUS_OFFLINE',
} as const;

/** Handles the PresenceService RPCs: validates input, updates Redis and publishes transitions. */
@Injectable()
export class PresenceService {
  private readonly heartbeats = serviceMetrics().counter('heartbeats_total', 'Heartbeats received');

  constructor(
    private readonly repository: PresenceRepository,
    private readonly transitions: TransitionPublisher,
  ) {}

  async heartbeat(request: presenceV1.HeartbeatRequest__Output): Promise<presenceV1.HeartbeatResponse__Output> {
    validateId('user_id', request.userId);
    validateId('device_id', request.deviceId);

    const result = await this.repository.recordHeartbeat(request.userId, request.deviceId, request.connectionId);
    this.heartbeats.inc();
    if (result.becameOnline) {
      await this.transitions.publish({
        userId: request.userId,
        status: 'online',
        lastSeenAt: result.at,
        at: result.at,
      });
    }

    return { expiresAt: result.expiresAt };
  }

  /** Starts the device's grace period, after which the sweeper removes the device unless a heartbeat follows. */
  async disconnect(request: presenceV1.DisconnectRequest__Output): Promise<presenceV1.DisconnectResponse__Output> {
    validateId('user_id', request.userId);
    validateId('device_id', request.deviceId);

    await this.repository.recordDisconnect(request.userId, request.deviceId, request.connectionId);

    return {};
  }

  /** Returns the stored presence of each user, in request order. The caller checks who may see whom. */
  async getPresence(request: presenceV1.GetPresenceRequest__Output): Promise<presenceV1.GetPresenceResponse__Output> {
    validateUserIds(request.userIds);

    const stored = await this.repository.readPresence(request.userIds);

    return {
      users: stored.map((presence, index) => ({
        userId: request.userIds[index],
        status: STATUS_NAMES[presence.status],
        lastSeenAt: presence.lastSeenAt,
      })),
    };
  }
}
