// Original file: protos/messenger/presence/v1/presence.proto


export interface DisconnectResponse {
}

export interface DisconnectResponse__Output {
}
