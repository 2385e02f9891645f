// Original file: protos/messenger/presence/v1/presence.proto


export interface GetPresenceRequest {
  'userIds'?: (string)[];
}

export interface GetPresenceRequest__Output {
  'userIds': (string)[];
}
