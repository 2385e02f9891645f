// Original file: protos/messenger/message/v1/message.proto

import type { Long } from '@grpc/proto-loader';

export interface UpdateReceiptResponse {
  'deliveredSeq'?: (number | string | Long);
  'readSeq'?: (number | string | Long);
}

export interface UpdateReceiptResponse__Output {
  'deliveredSeq': (number);
  'readSeq': (number);
}
