// Original file: protos/messenger/presence/v1/presence.proto


export interface DisconnectRequest {
  'userId'?: (string);
  'deviceId'?: (string);
  'connectionId'?: (string);
}

export interface DisconnectRequest__Output {
  'userId': (string);
  'deviceId': (string);
  'connectionId': (string);
}
