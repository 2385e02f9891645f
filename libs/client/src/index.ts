export { ApiError, MessengerHttpClient, type TokenPair } from '@messenger/sdk';
export * from './messenger-socket';
