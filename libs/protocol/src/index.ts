export * from './errors';
export * from './close-codes';
export * from './frames';
export * from './frame-validator';
export * from './limits';
