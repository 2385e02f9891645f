// Original file: protos/messenger/message/v1/message.proto


export interface ListPeersRequest {
  'userId'?: (string);
}

export interface ListPeersRequest__Output {
  'userId': (string);
}
