export * from './common-config';
export * from './bootstrap-service';
export * from './http-status';
