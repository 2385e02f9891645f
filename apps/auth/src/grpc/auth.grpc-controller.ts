import type { Metadata } from '@grpc/grpc-js';
import { Controller } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { RpcHandler } from '@messenger/grpc';
import type { authV1 } from '@messenger/grpc';
import { AccountsService } from '../accounts/accounts.service';
import { SessionsService } from '../sessions/sessions.service';
import { PublicKeysService } from '../tokens/public-keys.service';

/** messenger.auth.v1.AuthService (protos/messenger/auth/v1/auth.proto). */
@Controller()
export class AuthGrpcController {
  constructor(
    private readonly rpc: RpcHandler,
    private readonly accounts: AccountsService,
    private readonly sessions: SessionsService,
    private readonly publicKeys: PublicKeysService,
  ) {}

  @GrpcMethod('AuthService', 'Register')
  register(request: authV1.RegisterRequest__Output, metadata: Metadata): Promise<authV1.RegisterResponse> {
    return this.rpc.serve(metadata, 'Register', () => this.accounts.register(request));
  }

  @GrpcMethod('AuthService', 'Login')
  login(request: authV1.LoginRequest__Output, metadata: Metadata): Promise<authV1.TokenPair> {
    return this.rpc.serve(metadata, 'Login', () => this.sessions.login(request));
  }

  @GrpcMethod('AuthService', 'Refresh')
  refresh(request: authV1.RefreshRequest__Output, metadata: Metadata): Promise<authV1.TokenPair> {
    return this.rpc.serve(metadata, 'Refresh', () => this.sessions.refresh(request));
  }

  @GrpcMethod('AuthService', 'Logout')
  logout(request: authV1.LogoutRequest__Output, metadata: Metadata): Promise<authV1.LogoutResponse> {
    return this.rpc.serve(metadata, 'Logout', () => this.sessions.logout(request));
  }

  @GrpcMethod('AuthService', 'GetPublicKeys')
  getPublicKeys(_request: authV1.GetPublicKeysRequest__Output, metadata: Metadata): Promise<authV1.GetPublicKeysResponse> {
    return this.rpc.serve(metadata, 'GetPublicKeys', () => this.publicKeys.getPublicKeys());
  }

  @GrpcMethod('AuthService', 'LookupUsers')
  lookupUsers(request: authV1.LookupUsersRequest__Output, metadata: Metadata): Promise<authV1.LookupUsersResponse> {
    return this.rpc.serve(metadata, 'LookupUsers', () => this.accounts.lookupUsers(request));
  }
}
