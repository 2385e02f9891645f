// Original file: protos/messenger/message/v1/message.proto

import type { Attachment as _messenger_message_v1_Attachment, Attachment__Output as _messenger_message_v1_Attachment__Output } from '../../../messenger/message/v1/Attachment';
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
  'attachments'?: (_messenger_message_v1_Attachment)[];
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
  'attachments': (_messenger_message_v1_Attachment__Output)[];
}
