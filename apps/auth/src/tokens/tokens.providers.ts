import { Provider } from '@nestjs/common';
import type { Logger } from '@messenger/logging';
import { AuthConfig } from '../config/auth.config';
import { AUTH_CONFIG, LOGGER } from '../injection-tokens';
import { AccessTokenSigner } from './access-token-signer';

export const tokensProviders: Provider[] = [
  {
    provide: AccessTokenSigner,
    inject: [AUTH_CONFIG, LOGGER],
    useFactory: (config: AuthConfig, logger: Logger) => {
      const signer = new AccessTokenSigner(config.signingKeyFile.key, config.accessTokenTtlSeconds, config.signingKeyId);
      logger.info(
        {
          kid: signer.keyId,
          accessTokenTtlSeconds: config.accessTokenTtlSeconds,
          refreshTokenTtlSeconds: config.refreshTokenTtlSeconds,
        },
        'access token signing key loaded',
      );

      return signer;
    },
  },
];
