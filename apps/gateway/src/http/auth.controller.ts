import { Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { AuthClient, authV1 } from '@messenger/grpc';
import { AppError, ErrorCode } from '@messenger/protocol';
import { AUTH_CLIENT } from '../clients/clients.module';

/** Rejects a body that is not a JSON object, including form-encoded bodies, which are not parsed. */
function requireJsonObject(request: Request): Record<string, unknown> {
  if (!request.is('application/json')) {
    throw new AppError(ErrorCode.INVALID_ARGUMENT, 'Content-Type must be application/json');
  }
  const body: unknown = request.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new AppError(ErrorCode.INVALID_ARGUMENT, 'request body must be a JSON object');
  }

  return body as Record<string, unknown>;
}

function requireString(body: unknown, field: string, maxLength: number): string {
  const value = (body as Record<string, unknown> | undefined)?.[field];
  if (typeof value !== 'string' || value.length === 0) {
    throw new AppError(ErrorCode.INVALID_ARGUMENT, `field "${field}" is missing or not a string`);
  }
  if (value.length > maxLength) {
    throw new AppError(ErrorCode.INVALID_ARGUMENT, `field "${field}" is longer than ${maxLength} characters`);
  }

  return value;
}

/** The account API that clients reach over HTTP; the auth service does the work. */
@Controller('v1/auth')
export class AuthController {
  constructor(@Inject(AUTH_CLIENT) private readonly auth: AuthClient) {}

  @Post('register')
  @HttpCode(201)
  async register(@Req() request: Request): Promise<authV1.User__Output> {
    const body = requireJsonObject(request);
    const response = await this.auth.Register({
      username: requireString(body, 'username', 64),
      password: requireString(body, 'password', 256),
      clientIp: request.ip ?? '',
    });

    return response.user!;
  }

  @Post('login')
  @HttpCode(200)
  login(@Req() request: Request): Promise<authV1.TokenPair__Output> {
    const body = requireJsonObject(request);

    return this.auth.Login({
      username: requireString(body, 'username', 64),
      password: requireString(body, 'password', 256),
      clientIp: request.ip ?? '',
    });
  }

  @Post('refresh')
  @HttpCode(200)
  refresh(@Req() request: Request): Promise<authV1.TokenPair__Output> {
    const body = requireJsonObject(request);

    return this.auth.Refresh({ refreshToken: requireString(body, 'refreshToken', 512) });
  }

  @Post('logout')
  @HttpCode(204)
  async logout(@Req() request: Request): Promise<void> {
    const body = requireJsonObject(request);
    await this.auth.Logout({ refreshToken: requireString(body, 'refreshToken', 512) });
  }
}
