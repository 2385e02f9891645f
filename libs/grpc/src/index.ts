export * from './proto-loader-options';
export * from './services';
export * from './promise-client';
export * from './errors';
export type * as authV1 from './generated/messenger/auth/v1/index';
export type * as messageV1 from './generated/messenger/message/v1/index';
export type * as presenceV1 from './generated/messenger/presence/v1/index';
export * from './rpc-handler';
