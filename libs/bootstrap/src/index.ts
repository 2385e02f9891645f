export * from './common-config';
export * from './bootstrap-service';
