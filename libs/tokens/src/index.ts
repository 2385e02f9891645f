export * from './claims';
export * from './access-token-verifier';
