// Original file: protos/messenger/message/v1/message.proto

import type { ReceiptStatus as _messenger_message_v1_ReceiptStatus, ReceiptStatus__Output as _messenger_message_v1_ReceiptStatus__Output } from '../../../messenger/message/v1/ReceiptStatus';
import type { Long } from '@grpc/proto-loader';

export interface UpdateReceiptRequest {
  'userId'?: (string);
  'deviceId'?: (string);
  'conversationId'?: (string);
  'status'?: (_messenger_message_v1_ReceiptStatus);
  'seq'?: (number | string | Long);
}

export interface UpdateReceiptRequest__Output {
  'userId': (string);
  'deviceId': (string);
  'conversationId': (string);
  'status': (_messenger_message_v1_ReceiptStatus__Output);
  'seq': (number);
}
