// Original file: protos/messenger/presence/v1/presence.proto


export interface HeartbeatRequest {
  'userId'?: (string);
  'deviceId'?: (string);
  'connectionId'?: (string);
}

export interface HeartbeatRequest__Output {
  'userId': (string);
  'deviceId': (string);
  'connectionId': (string);
}
