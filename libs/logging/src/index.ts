export * from './logger';
export * from './correlation';
export * from './nest-logger';
