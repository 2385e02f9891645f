// Original file: protos/messenger/auth/v1/auth.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetPublicKeysRequest as _messenger_auth_v1_GetPublicKeysRequest, GetPublicKeysRequest__Output as _messenger_auth_v1_GetPublicKeysRequest__Output } from '../../../messenger/auth/v1/GetPublicKeysRequest';
import type { GetPublicKeysResponse as _messenger_auth_v1_GetPublicKeysResponse, GetPublicKeysResponse__Output as _messenger_auth_v1_GetPublicKeysResponse__Output } from '../../../messenger/auth/v1/GetPublicKeysResponse';
import type { LoginRequest as _messenger_auth_v1_LoginRequest, LoginRequest__Output as _messenger_auth_v1_LoginRequest__Output } from '../../../messenger/auth/v1/LoginRequest';
import type { LogoutRequest as _messenger_auth_v1_LogoutRequest, LogoutRequest__Output as _messenger_auth_v1_LogoutRequest__Output } from '../../../messenger/auth/v1/LogoutRequest';
import type { LogoutResponse as _messenger_auth_v1_LogoutResponse, LogoutResponse__Output as _messenger_auth_v1_LogoutResponse__Output } from '../../../messenger/auth/v1/LogoutResponse';
import type { LookupUsersRequest as _messenger_auth_v1_LookupUsersRequest, LookupUsersRequest__Output as _messenger_auth_v1_LookupUsersRequest__Output } from '../../../messenger/auth/v1/LookupUsersRequest';
import type { LookupUsersResponse as _messenger_auth_v1_LookupUsersResponse, LookupUsersResponse__Output as _messenger_auth_v1_LookupUsersResponse__Output } from '../../../messenger/auth/v1/LookupUsersResponse';
import type { RefreshRequest as _messenger_auth_v1_RefreshRequest, RefreshRequest__Output as _messenger_auth_v1_RefreshRequest__Output } from '../../../messenger/auth/v1/RefreshRequest';
import type { RegisterRequest as _messenger_auth_v1_RegisterRequest, RegisterRequest__Output as _messenger_auth_v1_RegisterRequest__Output } from '../../../messenger/auth/v1/RegisterRequest';
import type { RegisterResponse as _messenger_auth_v1_RegisterResponse, RegisterResponse__Output as _messenger_auth_v1_RegisterResponse__Output } from '../../../messenger/auth/v1/RegisterResponse';
import type { TokenPair as _messenger_auth_v1_TokenPair, TokenPair__Output as _messenger_auth_v1_TokenPair__Output } from '../../../messenger/auth/v1/TokenPair';

export interface AuthServiceClient extends grpc.Client {
  GetPublicKeys(argument: _messenger_auth_v1_GetPublicKeysRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_auth_v1_GetPublicKeysResponse__Output>): grpc.ClientUnaryCall;
  GetPublicKeys(argument: _messenger_auth_v1_GetPublicKeysRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_messenger_auth_v1_GetPublicKeysResponse__Output>): grpc.ClientUnaryCall;
  GetPublicKeys(argument: _messenger_auth_v1_GetPublicKeysRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_auth_v1_GetPublicKeysResponse__Output>): grpc.ClientUnaryCall;
  GetPublicKeys(argument: _messenger_auth_v1_GetPublicKeysRequest, callback: grpc.requestCallback<_messenger_auth_v1_GetPublicKeysResponse__Output>): grpc.ClientUnaryCall;
  getPublicKeys(argument: _messenger_auth_v1_GetPublicKeysRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_auth_v1_GetPublicKeysResponse__Output>): grpc.ClientUnaryCall;
  getPublicKeys(argument: _messenger_auth_v1_GetPublicKeysRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_messenger_auth_v1_GetPublicKeysResponse__Output>): grpc.ClientUnaryCall;
  getPublicKeys(argument: _messenger_auth_v1_GetPublicKeysRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_auth_v1_GetPublicKeysResponse__Output>): grpc.ClientUnaryCall;
  getPublicKeys(argument: _messenger_auth_v1_GetPublicKeysRequest, callback: grpc.requestCallback<_messenger_auth_v1_GetPublicKeysResponse__Output>): grpc.ClientUnaryCall;
  
  Login(argument: _messenger_auth_v1_LoginRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_auth_v1_TokenPair__Output>): grpc.ClientUnaryCall;
  Login(argument: _messenger_auth_v1_LoginRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_messenger_auth_v1_TokenPair__Output>): grpc.ClientUnaryCall;
  Login(argument: _messenger_auth_v1_LoginRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_auth_v1_TokenPair__Output>): grpc.ClientUnaryCall;
  Login(argument: _messenger_auth_v1_LoginRequest, callback: grpc.requestCallback<_messenger_auth_v1_TokenPair__Output>): grpc.ClientUnaryCall;
  login(argument: _messenger_auth_v1_LoginRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_auth_v1_TokenPair__Output>): grpc.ClientUnaryCall;
  login(argument: _messenger_auth_v1_LoginRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_messenger_auth_v1_TokenPair__Output>): grpc.ClientUnaryCall;
  login(argument: _messenger_auth_v1_LoginRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_auth_v1_TokenPair__Output>): grpc.ClientUnaryCall;
  login(argument: _messenger_auth_v1_LoginRequest, callback: grpc.requestCallback<_messenger_auth_v1_TokenPair__Output>): grpc.ClientUnaryCall;
  
  Logout(argument: _messenger_auth_v1_LogoutRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_auth_v1_LogoutResponse__Output>): grpc.ClientUnaryCall;
  Logout(argument: _messenger_auth_v1_LogoutRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_messenger_auth_v1_LogoutResponse__Output>): grpc.ClientUnaryCall;
  Logout(argument: _messenger_auth_v1_LogoutRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_auth_v1_LogoutResponse__Output>): grpc.ClientUnaryCall;
  Logout(argument: _messenger_auth_v1_LogoutRequest, callback: grpc.requestCallback<_messenger_auth_v1_LogoutResponse__Output>): grpc.ClientUnaryCall;
  logout(argument: _messenger_auth_v1_LogoutRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_auth_v1_LogoutResponse__Output>): grpc.ClientUnaryCall;
  logout(argument: _messenger_auth_v1_LogoutRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_messenger_auth_v1_LogoutResponse__Output>): grpc.ClientUnaryCall;
  logout(argument: _messenger_auth_v1_LogoutRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_auth_v1_LogoutResponse__Output>): grpc.ClientUnaryCall;
  logout(argument: _messenger_auth_v1_LogoutRequest, callback: grpc.requestCallback<_messenger_auth_v1_LogoutResponse__Output>): grpc.ClientUnaryCall;
  
  LookupUsers(argument: _messenger_auth_v1_LookupUsersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_auth_v1_LookupUsersResponse__Output>): grpc.ClientUnaryCall;
  LookupUsers(argument: _messenger_auth_v1_LookupUsersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_messenger_auth_v1_LookupUsersResponse__Output>): grpc.ClientUnaryCall;
  LookupUsers(argument: _messenger_auth_v1_LookupUsersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_auth_v1_LookupUsersResponse__Output>): grpc.ClientUnaryCall;
  LookupUsers(argument: _messenger_auth_v1_LookupUsersRequest, callback: grpc.requestCallback<_messenger_auth_v1_LookupUsersResponse__Output>): grpc.ClientUnaryCall;
  lookupUsers(argument: _messenger_auth_v1_LookupUsersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_auth_v1_LookupUsersResponse__Output>): grpc.ClientUnaryCall;
  lookupUsers(argument: _messenger_auth_v1_LookupUsersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_messenger_auth_v1_LookupUsersResponse__Output>): grpc.ClientUnaryCall;
  lookupUsers(argument: _messenger_auth_v1_LookupUsersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_auth_v1_LookupUsersResponse__Output>): grpc.ClientUnaryCall;
  lookupUsers(argument: _messenger_auth_v1_LookupUsersRequest, callback: grpc.requestCallback<_messenger_auth_v1_LookupUsersResponse__Output>): grpc.ClientUnaryCall;
  
  Refresh(argument: _messenger_auth_v1_RefreshRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_auth_v1_TokenPair__Output>): grpc.ClientUnaryCall;
  Refresh(argument: _messenger_auth_v1_RefreshRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_messenger_auth_v1_TokenPair__Output>): grpc.ClientUnaryCall;
  Refresh(argument: _messenger_auth_v1_RefreshRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_auth_v1_TokenPair__Output>): grpc.ClientUnaryCall;
  Refresh(argument: _messenger_auth_v1_RefreshRequest, callback: grpc.requestCallback<_messenger_auth_v1_TokenPair__Output>): grpc.ClientUnaryCall;
  refresh(argument: _messenger_auth_v1_RefreshRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_auth_v1_TokenPair__Output>): grpc.ClientUnaryCall;
  refresh(argument: _messenger_auth_v1_RefreshRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_messenger_auth_v1_TokenPair__Output>): grpc.ClientUnaryCall;
  refresh(argument: _messenger_auth_v1_RefreshRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_auth_v1_TokenPair__Output>): grpc.ClientUnaryCall;
  refresh(argument: _messenger_auth_v1_RefreshRequest, callback: grpc.requestCallback<_messenger_auth_v1_TokenPair__Output>): grpc.ClientUnaryCall;
  
  Register(argument: _messenger_auth_v1_RegisterRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_auth_v1_RegisterResponse__Output>): grpc.ClientUnaryCall;
  Register(argument: _messenger_auth_v1_RegisterRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_messenger_auth_v1_RegisterResponse__Output>): grpc.ClientUnaryCall;
  Register(argument: _messenger_auth_v1_RegisterRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_auth_v1_RegisterResponse__Output>): grpc.ClientUnaryCall;
  Register(argument: _messenger_auth_v1_RegisterRequest, callback: grpc.requestCallback<_messenger_auth_v1_RegisterResponse__Output>): grpc.ClientUnaryCall;
  register(argument: _messenger_auth_v1_RegisterRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_auth_v1_RegisterResponse__Output>): grpc.ClientUnaryCall;
  register(argument: _messenger_auth_v1_RegisterRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_messenger_auth_v1_RegisterResponse__Output>): grpc.ClientUnaryCall;
  register(argument: _messenger_auth_v1_RegisterRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_auth_v1_RegisterResponse__Output>): grpc.ClientUnaryCall;
  register(argument: _messenger_auth_v1_RegisterRequest, callback: grpc.requestCallback<_messenger_auth_v1_RegisterResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface AuthServiceHandlers extends grpc.UntypedServiceImplementation {
  GetPublicKeys: grpc.handleUnaryCall<_messenger_auth_v1_GetPublicKeysRequest__Output, _messenger_auth_v1_GetPublicKeysResponse>;
  
  Login: grpc.handleUnaryCall<_messenger_auth_v1_LoginRequest__Output, _messenger_auth_v1_TokenPair>;
  
  Logout: grpc.handleUnaryCall<_messenger_auth_v1_LogoutRequest__Output, _messenger_auth_v1_LogoutResponse>;
  
  LookupUsers: grpc.handleUnaryCall<_messenger_auth_v1_LookupUsersRequest__Output, _messenger_auth_v1_LookupUsersResponse>;
  
  Refresh: grpc.handleUnaryCall<_messenger_auth_v1_RefreshRequest__Output, _messenger_auth_v1_TokenPair>;
  
  Register: grpc.handleUnaryCall<_messenger_auth_v1_RegisterRequest__Output, _messenger_auth_v1_RegisterResponse>;
  
}

export interface AuthServiceDefinition extends grpc.ServiceDefinition {
  GetPublicKeys: MethodDefinition<_messenger_auth_v1_GetPublicKeysRequest, _messenger_auth_v1_GetPublicKeysResponse, _messenger_auth_v1_GetPublicKeysRequest__Output, _messenger_auth_v1_GetPublicKeysResponse__Output>
  Login: MethodDefinition<_messenger_auth_v1_LoginRequest, _messenger_auth_v1_TokenPair, _messenger_auth_v1_LoginRequest__Output, _messenger_auth_v1_TokenPair__Output>
  Logout: MethodDefinition<_messenger_auth_v1_LogoutRequest, _messenger_auth_v1_LogoutResponse, _messenger_auth_v1_LogoutRequest__Output, _messenger_auth_v1_LogoutResponse__Output>
  LookupUsers: MethodDefinition<_messenger_auth_v1_LookupUsersRequest, _messenger_auth_v1_LookupUsersResponse, _messenger_auth_v1_LookupUsersRequest__Output, _messenger_auth_v1_LookupUsersResponse__Output>
  Refresh: MethodDefinition<_messenger_auth_v1_RefreshRequest, _messenger_auth_v1_TokenPair, _messenger_auth_v1_RefreshRequest__Output, _messenger_auth_v1_TokenPair__Output>
  Register: MethodDefinition<_messenger_auth_v1_RegisterRequest, _messenger_auth_v1_RegisterResponse, _messenger_auth_v1_RegisterRequest__Output, _messenger_auth_v1_RegisterResponse__Output>
}
