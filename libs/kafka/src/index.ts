export * from './topics';
export * from './events';
export * from './kafka-client';
export * from './event-publisher';
export * from './event-consumer';
