import { Injectable } from '@nestjs/common';
import type { authV1 } from '@messenger/grpc';
import { AccessTokenSigner } from './access-token-signer';

/** Publishes the keys that verify access tokens (AccessTokenVerifier in libs/tokens fetches them). */
@Injectable()
export class PublicKeysService {
  constructor(private readonly signer: AccessTokenSigner) {}

  async getPublicKeys(): Promise<authV1.GetPublicKeysResponse> {
    return { keys: this.signer.publishedKeys() };
  }
}
