// Original file: protos/messenger/auth/v1/auth.proto

import type { User as _messenger_auth_v1_User, User__Output as _messenger_auth_v1_User__Output } from '../../../messenger/auth/v1/User';
import type { Long } from '@grpc/proto-loader';

export interface TokenPair {
  'accessToken'?: (string);
  'accessTokenExpiresAt'?: (number | string | Long);
  'refreshToken'?: (string);
  'refreshTokenExpiresAt'?: (number | string | Long);
  'user'?: (_messenger_auth_v1_User | null);
  'sessionId'?: (string);
}

export interface TokenPair__Output {
  'accessToken': (string);
  'accessTokenExpiresAt': (number);
  'refreshToken': (string);
  'refreshTokenExpiresAt': (number);
  'user': (_messenger_auth_v1_User__Output | null);
  'sessionId': (string);
}
