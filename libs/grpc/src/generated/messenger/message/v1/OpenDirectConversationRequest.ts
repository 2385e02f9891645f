// Original file: protos/messenger/message/v1/message.proto


export interface OpenDirectConversationRequest {
  'userId'?: (string);
  'peerUserId'?: (string);
}

export interface OpenDirectConversationRequest__Output {
  'userId': (string);
  'peerUserId': (string);
}
