// Original file: protos/messenger/auth/v1/auth.proto


export interface RegisterRequest {
  'username'?: (string);
  'password'?: (string);
  'clientIp'?: (string);
}

export interface RegisterRequest__Output {
  'username': (string);
  'password': (string);
  'clientIp': (string);
}
