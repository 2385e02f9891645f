// Original file: protos/messenger/auth/v1/auth.proto


export interface PublicKey {
  'kid'?: (string);
  'alg'?: (string);
  'spkiPem'?: (string);
}

export interface PublicKey__Output {
  'kid': (string);
  'alg': (string);
  'spkiPem': (string);
}
