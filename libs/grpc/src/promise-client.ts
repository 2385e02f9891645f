import * as grpc from '@grpc/grpc-js';
import { CORRELATION_ID_HEADER, currentCorrelationId } from '@messenger/logging';
import { serviceMetrics } from '@messenger/observability';
import { fromServiceError } from './errors';

type UnaryShape<Request, Response> = (
  argument: Request,
  callback: grpc.requestCallback<Response>,
) => grpc.ClientUnaryCall;

type UnaryMethodNames<Client> = {
  [K in keyof Client]: K extends `${Uppercase<string>}${string}`
    ? Client[K] extends UnaryShape<never, never>
      ? K
      : never
    : never;
}[keyof Client];

/**
 * A generated grpc-js client with promise methods. Each call carries the
 * current correlation id, has a deadline, is timed in a histogram, and fails
 * with an AppError.
 */
export type PromiseClient<Client> = {
  [K in UnaryMethodNames<Client>]: Client[K] extends UnaryShape<infer Request, infer Response>
    ? (request: Request, options?: { timeoutMs?: number }) => Promise<Response>
    : never;
};

const DEFAULT_TIMEOUT_MS = 5000;

export function promiseClient<Client extends grpc.Client>(
  client: Client,
  serviceName: string,
  defaultTimeoutMs = DEFAULT_TIMEOUT_MS,
): PromiseClient<Client> {
  const duration = serviceMetrics().histogram(
    'grpc_client_duration_seconds',
    'Duration of outgoing gRPC calls in seconds',
    ['service', 'method', 'code'],
  );

  return new Proxy({} as PromiseClient<Client>, {
    get(_target, method: string) {
      return (request: unknown, options?: { timeoutMs?: number }) =>
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
    },
  });
}
