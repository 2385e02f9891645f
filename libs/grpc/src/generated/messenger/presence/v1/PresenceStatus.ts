// Original file: protos/messenger/presence/v1/presence.proto

export const PresenceStatus = {
  PRESENCE_STATUS_UNSPECIFIED: 'PRESENCE_STATUS_UNSPECIFIED',
  PRESENCE_STATUS_ONLINE: 'PRESENCE_STATUS_ONLINE',
  PRESENCE_STATUS_OFFLINE: 'PRESENCE_STATUS_OFFLINE',
} as const;

export type PresenceStatus =
  | 'PRESENCE_STATUS_UNSPECIFIED'
  | 0
  | 'PRESENCE_STATUS_ONLINE'
  | 1
  | 'PRESENCE_STATUS_OFFLINE'
  | 2

export type PresenceStatus__Output = typeof PresenceStatus[keyof typeof PresenceStatus]
