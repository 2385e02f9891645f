import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { AuthServiceClient as _messenger_auth_v1_AuthServiceClient, AuthServiceDefinition as _messenger_auth_v1_AuthServiceDefinition } from './messenger/auth/v1/AuthService';
import type { GetPublicKeysRequest as _messenger_auth_v1_GetPublicKeysRequest, GetPublicKeysRequest__Output as _messenger_auth_v1_GetPublicKeysRequest__Output } from './messenger/auth/v1/GetPublicKeysRequest';
import type { GetPublicKeysResponse as _messenger_auth_v1_GetPublicKeysResponse, GetPublicKeysResponse__Output as _messenger_auth_v1_GetPublicKeysResponse__Output } from './messenger/auth/v1/GetPublicKeysResponse';
import type { LoginRequest as _messenger_auth_v1_LoginRequest, LoginRequest__Output as _messenger_auth_v1_LoginRequest__Output } from './messenger/auth/v1/LoginRequest';
import type { LogoutRequest as _messenger_auth_v1_LogoutRequest, LogoutRequest__Output as _messenger_auth_v1_LogoutRequest__Output } from './messenger/auth/v1/LogoutRequest';
import type { LogoutResponse as _messenger_auth_v1_LogoutResponse, LogoutResponse__Output as _messenger_auth_v1_LogoutResponse__Output } from './messenger/auth/v1/LogoutResponse';
import type { LookupUsersRequest as _messenger_auth_v1_LookupUsersRequest, LookupUsersRequest__Output as _messenger_auth_v1_LookupUsersRequest__Output } from './messenger/auth/v1/LookupUsersRequest';
import type { LookupUsersResponse as _messenger_auth_v1_LookupUsersResponse, LookupUsersResponse__Output as _messenger_auth_v1_LookupUsersResponse__Output } from './messenger/auth/v1/LookupUsersResponse';
import type { PublicKey as _messenger_auth_v1_PublicKey, PublicKey__Output as _messenger_auth_v1_PublicKey__Output } from './messenger/auth/v1/PublicKey';
import type { RefreshRequest as _messenger_auth_v1_RefreshRequest, RefreshRequest__Output as _messenger_auth_v1_RefreshRequest__Output } from './messenger/auth/v1/RefreshRequest';
import type { RegisterRequest as _messenger_auth_v1_RegisterRequest, RegisterRequest__Output as _messenger_auth_v1_RegisterRequest__Output } from './messenger/auth/v1/RegisterRequest';
import type { RegisterResponse as _messenger_auth_v1_RegisterResponse, RegisterResponse__Output as _messenger_auth_v1_RegisterResponse__Output } from './messenger/auth/v1/RegisterResponse';
import type { TokenPair as _messenger_auth_v1_TokenPair, TokenPair__Output as _messenger_auth_v1_TokenPair__Output } from './messenger/auth/v1/TokenPair';
import type { User as _messenger_auth_v1_User, User__Output as _messenger_auth_v1_User__Output } from './messenger/auth/v1/User';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  messenger: {
    auth: {
      v1: {
        AuthService: SubtypeConstructor<typeof grpc.Client, _messenger_auth_v1_AuthServiceClient> & { service: _messenger_auth_v1_AuthServiceDefinition }
        GetPublicKeysRequest: MessageTypeDefinition<_messenger_auth_v1_GetPublicKeysRequest, _messenger_auth_v1_GetPublicKeysRequest__Output>
        GetPublicKeysResponse: MessageTypeDefinition<_messenger_auth_v1_GetPublicKeysResponse, _messenger_auth_v1_GetPublicKeysResponse__Output>
        LoginRequest: MessageTypeDefinition<_messenger_auth_v1_LoginRequest, _messenger_auth_v1_LoginRequest__Output>
        LogoutRequest: MessageTypeDefinition<_messenger_auth_v1_LogoutRequest, _messenger_auth_v1_LogoutRequest__Output>
        LogoutResponse: MessageTypeDefinition<_messenger_auth_v1_LogoutResponse, _messenger_auth_v1_LogoutResponse__Output>
        LookupUsersRequest: MessageTypeDefinition<_messenger_auth_v1_LookupUsersRequest, _messenger_auth_v1_LookupUsersRequest__Output>
        LookupUsersResponse: MessageTypeDefinition<_messenger_auth_v1_LookupUsersResponse, _messenger_auth_v1_LookupUsersResponse__Output>
        PublicKey: MessageTypeDefinition<_messenger_auth_v1_PublicKey, _messenger_auth_v1_PublicKey__Output>
        RefreshRequest: MessageTypeDefinition<_messenger_auth_v1_RefreshRequest, _messenger_auth_v1_RefreshRequest__Output>
        RegisterRequest: MessageTypeDefinition<_messenger_auth_v1_RegisterRequest, _messenger_auth_v1_RegisterRequest__Output>
        RegisterResponse: MessageTypeDefinition<_messenger_auth_v1_RegisterResponse, _messenger_auth_v1_RegisterResponse__Output>
        TokenPair: MessageTypeDefinition<_messenger_auth_v1_TokenPair, _messenger_auth_v1_TokenPair__Output>
        User: MessageTypeDefinition<_messenger_auth_v1_User, _messenger_auth_v1_User__Output>
      }
    }
  }
}

