import * as grpc from '@grpc/grpc-js';
import { CORRELATION_ID_HEADER, Logger, sanitizeCorrelationId, withCorrelationId } from '@messenger/logging';
import { serviceMetrics } from '@messenger/observability';
import { AppError, ErrorCode } from '@messenger/protocol';
import { toRpcException } from './errors';

/** Names of Cassandra driver errors that mean "overloaded or unreachable, retry later". */
const OVERLOAD_ERRORS = new Set(['NoHostAvailableError', 'OperationTimedOutError', 'BusyConnectionError']);
const OVERLOAD_RETRY_AFTER_MS = 500;

/**
 * Runs one gRPC handler: takes the correlation id from the call's metadata,
 * times the call, and maps errors. An AppError goes back to the caller with its
 * code. A storage overload (a driver error in OVERLOAD_ERRORS) is logged and
 * sent as UNAVAILABLE with a retry delay. Any other error is logged and sent
 * as INTERNAL without details.
 */
export class RpcHandler {
  private readonly duration = serviceMetrics().histogram(
    'grpc_server_duration_seconds',
    'Duration of handled gRPC calls in seconds',
    ['method', 'code'],
  );

  constructor(private readonly logger: Logger) {}

  serve<T>(metadata: grpc.Metadata | undefined, method: string, handler: () => Promise<T>): Promise<T> {
    const correlationId = sanitizeCorrelationId(metadata?.get(CORRELATION_ID_HEADER)[0]);

    return withCorrelationId(correlationId, async () => {
      const end = this.duration.startTimer({ method });
      try {
        const result = await handler();
        end({ code: 'OK' });

        return result;
      } catch (error) {
        if (error instanceof AppError) {
          end({ code: error.code });
          this.logger.debug({ method, code: error.code, error: error.message }, 'request rejected');
          throw toRpcException(error);
        }
        if (error instanceof Error && OVERLOAD_ERRORS.has(error.name)) {
          end({ code: ErrorCode.UNAVAILABLE });
          this.logger.warn({ method, err: error }, 'request failed: storage overloaded or unreachable');
          throw toRpcException(
            new AppError(ErrorCode.UNAVAILABLE, `${method} is unavailable for now; retry later`, OVERLOAD_RETRY_AFTER_MS),
          );
        }
        end({ code: ErrorCode.INTERNAL });
        this.logger.error({ method, err: error }, 'request failed');
        throw toRpcException(new AppError(ErrorCode.INTERNAL, `${method} failed with an internal error`));
      }
    });
  }
}
