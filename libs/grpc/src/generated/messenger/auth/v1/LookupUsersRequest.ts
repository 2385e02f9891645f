// Original file: protos/messenger/auth/v1/auth.proto


export interface LookupUsersRequest {
  'usernames'?: (string)[];
  'userIds'?: (string)[];
}

export interface LookupUsersRequest__Output {
  'usernames': (string)[];
  'userIds': (string)[];
}
