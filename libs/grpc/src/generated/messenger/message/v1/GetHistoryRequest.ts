// Original file: protos/messenger/message/v1/message.proto

import type { Long } from '@grpc/proto-loader';

export interface GetHistoryRequest {
  'userId'?: (string);
  'conversationId'?: (string);
  'beforeSeq'?: (number | string | Long);
  'afterSeq'?: (number | string | Long);
  'forward'?: (boolean);
  'limit'?: (number);
}

export interface GetHistoryRequest__Output {
  'userId': (string);
  'conversationId': (string);
  'beforeSeq': (number);
  'afterSeq': (number);
  'forward': (boolean);
  'limit': (number);
}
