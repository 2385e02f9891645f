/** Nest injection tokens of the values that are not classes. */
export const PRESENCE_CONFIG = Symbol('PRESENCE_CONFIG');
export const LOGGER = Symbol('LOGGER');
export const REDIS = Symbol('REDIS');
export const KAFKA = Symbol('KAFKA');
