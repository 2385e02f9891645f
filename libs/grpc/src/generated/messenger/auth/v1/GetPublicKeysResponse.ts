// Original file: protos/messenger/auth/v1/auth.proto

import type { PublicKey as _messenger_auth_v1_PublicKey, PublicKey__Output as _messenger_auth_v1_PublicKey__Output } from '../../../messenger/auth/v1/PublicKey';

export interface GetPublicKeysResponse {
  'keys'?: (_messenger_auth_v1_PublicKey)[];
}

export interface GetPublicKeysResponse__Output {
  'keys': (_messenger_auth_v1_PublicKey__Output)[];
}
