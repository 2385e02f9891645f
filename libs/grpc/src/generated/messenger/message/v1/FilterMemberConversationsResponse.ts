// Original file: protos/messenger/message/v1/message.proto


export interface FilterMemberConversationsResponse {
  'conversationIds'?: (string)[];
}

export interface FilterMemberConversationsResponse__Output {
  'conversationIds': (string)[];
}
