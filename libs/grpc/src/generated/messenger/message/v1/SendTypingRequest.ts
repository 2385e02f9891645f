// Original file: protos/messenger/message/v1/message.proto


export interface SendTypingRequest {
  'userId'?: (string);
  'conversationId'?: (string);
  'active'?: (boolean);
}

export interface SendTypingRequest__Output {
  'userId': (string);
  'conversationId': (string);
  'active': (boolean);
}
