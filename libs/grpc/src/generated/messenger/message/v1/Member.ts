// Original file: protos/messenger/message/v1/message.proto

import type { Long } from '@grpc/proto-loader';

export interface Member {
  'userId'?: (string);
  'deliveredSeq'?: (number | string | Long);
  'readSeq'?: (number | string | Long);
}

export interface Member__Output {
  'userId': (string);
  'deliveredSeq': (number);
  'readSeq': (number);
}
