export * from './http-client';
export * from './messenger-socket';
