/** Nest injection tokens of the values that are not classes. */
export const CASSANDRA = Symbol('CASSANDRA');
export const REDIS = Symbol('REDIS');
export const AUTH_CLIENT = Symbol('AUTH_CLIENT');
export const MESSAGE_CLIENT = Symbol('MESSAGE_CLIENT');
