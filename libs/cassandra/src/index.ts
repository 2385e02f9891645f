export * from './cassandra-client';
export * from './migrations';
