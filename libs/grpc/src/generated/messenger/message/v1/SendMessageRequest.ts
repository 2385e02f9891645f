// Original file: protos/messenger/message/v1/message.proto


export interface SendMessageRequest {
  'userId'?: (string);
  'deviceId'?: (string);
  'conversationId'?: (string);
  'clientMessageId'?: (string);
  'body'?: (string);
  'attachmentFileIds'?: (string)[];
}

export interface SendMessageRequest__Output {
  'userId': (string);
  'deviceId': (string);
  'conversationId': (string);
  'clientMessageId': (string);
  'body': (string);
  'attachmentFileIds': (string)[];
}
