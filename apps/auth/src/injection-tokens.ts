/** Nest injection tokens of the values that are not classes. */
export const AUTH_CONFIG = 'AUTH_CONFIG';
export const LOGGER = 'LOGGER';
export const REDIS = 'REDIS';
export const CASSANDRA = 'CASSANDRA';
export const KAFKA = 'KAFKA';
