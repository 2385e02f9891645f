// Original file: protos/messenger/message/v1/message.proto

import type { Long } from '@grpc/proto-loader';

export interface Message {
  'messageId'?: (string);
  'conversationId'?: (string);
  'seq'?: (number | string | Long);
  'senderId'?: (string);
  'senderDeviceId'?: (string);
  'clientMessageId'?: (string);
  'body'?: (string);
  'createdAt'?: (number | string | Long);
}

export interface Message__Output {
  'messageId': (string);
  'conversationId': (string);
  'seq': (number);
  'senderId': (string);
  'senderDeviceId': (string);
  'clientMessageId': (string);
  'body': (string);
  'createdAt': (number);
}
