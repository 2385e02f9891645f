import { OnApplicationShutdown } from '@nestjs/common';
import { MessageClient, messageV1, promiseClient } from '@messenger/grpc';
import { TtlCache } from './ttl-cache';

/** How long (ms) a user's peer list is reused before MessageService is asked again. */
export const PEERS_CACHE_TTL_MS = 5_000;
/** Maximum number of users whose peer lists are cached. */
export const PEERS_CACHE_MAX_ENTRIES = 10_000;

/**
 * Looks up a user's peers (the users they share a conversation with) through
 * MessageService.ListPeers, with a short cache. A new conversation can take up
 * to PEERS_CACHE_TTL_MS to show up in the fan-out.
 */
export class MessagePeersClient implements OnApplicationShutdown {
  private readonly client: MessageClient;
  private readonly cache = new TtlCache<string, string[]>({
    maxEntries: PEERS_CACHE_MAX_ENTRIES,
    ttlMs: PEERS_CACHE_TTL_MS,
  });

  constructor(private readonly grpcClient: messageV1.MessageServiceClient) {
    this.client = promiseClient<messageV1.MessageServiceDefinition>(grpcClient, 'MessageService');
  }

  async listPeers(userId: string): Promise<string[]> {
    const cached = this.cache.get(userId);
    if (cached) return cached;

    const response = await this.client.ListPeers({ userId });
    this.cache.set(userId, response.userIds);

    return response.userIds;
  }

  onApplicationShutdown(): void {
    this.grpcClient.close();
  }
}
