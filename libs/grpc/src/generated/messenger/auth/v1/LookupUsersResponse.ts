// Original file: protos/messenger/auth/v1/auth.proto

import type { User as _messenger_auth_v1_User, User__Output as _messenger_auth_v1_User__Output } from '../../../messenger/auth/v1/User';

export interface LookupUsersResponse {
  'users'?: (_messenger_auth_v1_User)[];
}

export interface LookupUsersResponse__Output {
  'users': (_messenger_auth_v1_User__Output)[];
}
