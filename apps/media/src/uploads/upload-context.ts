import { AsyncLocalStorage } from 'node:async_hooks';

/** Facts that the HTTP layer established about a tus request before handing it to the tus server. */
export interface UploadContext {
  userId: string;
}

/** Carries the authenticated user into the tus server's hooks, which only see a web Request. */
export const uploadContext = new AsyncLocalStorage<UploadContext>();

export function currentUploadContext(): UploadContext {
  const context = uploadContext.getStore();
  if (!context) throw new Error('tus hook ran outside an authenticated request');

  return context;
}
