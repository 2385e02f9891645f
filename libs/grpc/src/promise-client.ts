import * as grpc from '@grpc/grpc-js';
import type { MethodDefinition } from '@grpc/proto-loader';
import { CORRELATION_ID_HEADER, currentCorrelationId } from '@messenger/logging';
import { serviceMetrics } from '@messenger/observability';
import { fromServiceError } from './errors';

/**
 * The promise methods of a generated service definition. Each call carries
 * the current correlation id, has a deadline, is timed in a histogram, and
 * fails with an AppError.
 */
export type PromiseClient<Definition> = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the other type parameters are not used here
  [K in keyof Definition as string extends K ? never : K]: Definition[K] extends MethodDefinition<infer Request, any, any, infer Response>
    ? (request: Request, options?: { timeoutMs?: number }) => Promise<Response>
    : never;
};

const DEFAULT_TIMEOUT_MS = 5000;

export function promiseClient<Definition>(
  client: grpc.Client,
  serviceName: string,
  defaultTimeoutMs = DEFAULT_TIMEOUT_MS,
): PromiseClient<Definition> {
  const duration = serviceMetrics().histogram(
    'grpc_client_duration_seconds',
    'Duration of outgoing gRPC calls in seconds',
    ['service', 'method', 'code'],
  );

  const definition = (client.constructor as unknown as { service: grpc.ServiceDefinition }).service;
  const methods: Record<string, unknown> = {};
  for (const method of Object.keys(definition)) {
    methods[method] = (request: unknown, options?: { timeoutMs?: number }) =>
      new Promise((resolve, reject) => {
        const metadata = new grpc.Metadata();
        const correlationId = currentCorrelationId();
        if (correlationId) metadata.set(CORRELATION_ID_HEADER, correlationId);
        const deadline = Date.now() + (options?.timeoutMs ?? defaultTimeoutMs);
        const end = duration.startTimer({ service: serviceName, method });
        const call = (client as unknown as Record<string, Function>)[method];
        call.call(client, request, metadata, { deadline }, (error: grpc.ServiceError | null, response: unknown) => {
          end({ code: error ? grpc.status[error.code] : 'OK' });
          if (error) {
            reject(fromServiceError(error, `${serviceName}.${method}`));

            return;
          }
          resolve(response);
        });
      });
  }

  return methods as PromiseClient<Definition>;
}

export type AuthClient = PromiseClient<import('./generated/messenger/auth/v1/AuthService').AuthServiceDefinition>;
export type MessageClient = PromiseClient<
  import('./generated/messenger/message/v1/MessageService').MessageServiceDefinition
>;
export type MediaClient = PromiseClient<import('./generated/messenger/media/v1/MediaService').MediaServiceDefinition>;
export type PresenceClient = PromiseClient<
  import('./generated/messenger/presence/v1/PresenceService').PresenceServiceDefinition
>;
