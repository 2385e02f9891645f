import 'reflect-metadata';
import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { MicroserviceOptions, Transport } from '@nestjs/microservices';
import { GrpcServiceContract, grpcServerOptions } from '@messenger/grpc';
import { Logger, PinoNestLogger, createLogger } from '@messenger/logging';
import { initMetrics, startMetricsServer } from '@messenger/observability';

export interface ServiceDefinition {
  /** Service name, used in logs and metric names ("gateway", "auth", ...). */
  name: string;
  /** Builds the root module once the logger exists. */
  module: (logger: Logger) => Type<unknown> | DynamicModule;
  http: { host: string; port: number };
  metrics: { host: string; port: number };
  grpc?: { host: string; port: number; contracts: GrpcServiceContract[] };
  /** Runs after the app listens, e.g. to attach a WebSocket adapter. */
  configure?: (app: INestApplication, logger: Logger) => void | Promise<void>;
}

/**
 * Starts a service: JSON logger, Prometheus metrics on their own port, the
 * NestJS HTTP app (health endpoints) and, if given, its gRPC server. SIGTERM
 * and SIGINT close everything through NestJS's shutdown hooks.
 */
export async function bootstrapService(definition: ServiceDefinition): Promise<INestApplication> {
  const logger = createLogger(definition.name);
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'uncaught exception, exiting');
    process.exit(1);
  });

  const metrics = initMetrics(definition.name);
  const metricsServer = await startMetricsServer(metrics, definition.metrics.host, definition.metrics.port, logger);

  const app = await NestFactory.create(definition.module(logger), {
    logger: new PinoNestLogger(logger),
    bufferLogs: false,
    // Only JSON bodies: a form-encoded body from a cross-site HTML form must not reach the API.
    bodyParser: false,
  });
  (app as NestExpressApplication).useBodyParser('json', { limit: '16kb' });
  await definition.configure?.(app, logger);

  if (definition.grpc) {
    const url = `${definition.grpc.host}:${definition.grpc.port}`;
    app.connectMicroservice<MicroserviceOptions>(
      { transport: Transport.GRPC, options: grpcServerOptions(definition.grpc.contracts, url) },
      { inheritAppConfig: true },
    );
    await app.startAllMicroservices();
    logger.info({ url }, 'grpc server listening');
  }

  await app.listen(definition.http.port, definition.http.host);
  logger.info(
    {
      version: process.env.npm_package_version ?? '0.1.0',
      node: process.version,
      http: `${definition.http.host}:${definition.http.port}`,
      metrics: `${definition.metrics.host}:${definition.metrics.port}`,
    },
    `${definition.name} started`,
  );

  const shutdown = (signal: string) => {
    logger.info({ signal }, `${definition.name} stopping`);
    app
      .close()
      .then(() => new Promise<void>((resolve) => metricsServer.close(() => resolve())))
      .then(() => {
        logger.info(`${definition.name} stopped`);
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.removeAllListeners('SIGTERM');
  process.removeAllListeners('SIGINT');
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));

  return app;
}

/**
 * Runs a service's start-up and turns any failure in it (an invalid
 * configuration, an unreachable dependency) into one fatal JSON log line and
 * exit status 1.
 */
export function runService(name: string, start: () => Promise<unknown>): void {
  start().catch((error: unknown) => {
    createLogger(name).fatal({ err: error }, `${name} failed to start`);
    process.exit(1);
  });
}
