// Original file: protos/messenger/message/v1/message.proto


export interface ListConversationsRequest {
  'userId'?: (string);
  'limit'?: (number);
  'cursor'?: (string);
}

export interface ListConversationsRequest__Output {
  'userId': (string);
  'limit': (number);
  'cursor': (string);
}
