// Original file: protos/messenger/auth/v1/auth.proto


export interface GetPublicKeysRequest {
}

export interface GetPublicKeysRequest__Output {
}
