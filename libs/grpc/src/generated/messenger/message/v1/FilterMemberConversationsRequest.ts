// Original file: protos/messenger/message/v1/message.proto


export interface FilterMemberConversationsRequest {
  'userId'?: (string);
  'conversationIds'?: (string)[];
}

export interface FilterMemberConversationsRequest__Output {
  'userId': (string);
  'conversationIds': (string)[];
}
