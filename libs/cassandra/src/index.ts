export * from './cassandra-client';
export * from './migrations';
export * from './request-metrics';
