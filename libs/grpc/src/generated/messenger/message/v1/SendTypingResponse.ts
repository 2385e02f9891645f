// Original file: protos/messenger/message/v1/message.proto

import type { Long } from '@grpc/proto-loader';

export interface SendTypingResponse {
  'expiresAt'?: (number | string | Long);
}

export interface SendTypingResponse__Output {
  'expiresAt': (number);
}
