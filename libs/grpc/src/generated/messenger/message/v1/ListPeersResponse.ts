// Original file: protos/messenger/message/v1/message.proto


export interface ListPeersResponse {
  'userIds'?: (string)[];
}

export interface ListPeersResponse__Output {
  'userIds': (string)[];
}
