// Original file: protos/messenger/auth/v1/auth.proto


export interface User {
  'userId'?: (string);
  'username'?: (string);
}

export interface User__Output {
  'userId': (string);
  'username': (string);
}
