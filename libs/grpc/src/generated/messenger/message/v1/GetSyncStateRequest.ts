// Original file: protos/messenger/message/v1/message.proto


export interface GetSyncStateRequest {
  'userId'?: (string);
  'deviceId'?: (string);
}

export interface GetSyncStateRequest__Output {
  'userId': (string);
  'deviceId': (string);
}
