export * from './delivery';
export * from './delivery-router';
export * from './route-registry';
