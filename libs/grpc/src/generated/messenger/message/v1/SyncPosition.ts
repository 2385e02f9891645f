// Original file: protos/messenger/message/v1/message.proto

import type { Long } from '@grpc/proto-loader';

export interface SyncPosition {
  'conversationId'?: (string);
  'lastSeq'?: (number | string | Long);
  'ackedSeq'?: (number | string | Long);
}

export interface SyncPosition__Output {
  'conversationId': (string);
  'lastSeq': (number);
  'ackedSeq': (number);
}
