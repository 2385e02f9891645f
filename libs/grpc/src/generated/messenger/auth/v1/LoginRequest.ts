// Original file: protos/messenger/auth/v1/auth.proto


export interface LoginRequest {
  'username'?: (string);
  'password'?: (string);
  'clientIp'?: (string);
}

export interface LoginRequest__Output {
  'username': (string);
  'password': (string);
  'clientIp': (string);
}
