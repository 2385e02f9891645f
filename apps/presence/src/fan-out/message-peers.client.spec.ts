import type * as grpc from '@grpc/grpc-js';
import type { messageV1 } from '@messenger/grpc';
import { MessagePeersClient } from './message-peers.client';

type ListPeersCallback = grpc.requestCallback<messageV1.ListPeersResponse__Output>;

function createSut(peersByUser: Record<string, string[]>) {
  const requests: string[] = [];
  // promiseClient reads the method names from the static service definition of the client's class.
  class FakeMessageServiceClient {
    static readonly service = { ListPeers: {} };
    readonly close = jest.fn();

    ListPeers(request: messageV1.ListPeersRequest, _metadata: unknown, _options: unknown, callback: ListPeersCallback) {
      requests.push(request.userId ?? '');
      callback(null, { userIds: peersByUser[request.userId ?? ''] ?? [] });
    }
  }
  const grpcClient = new FakeMessageServiceClient();
  const sut = new MessagePeersClient(grpcClient as unknown as messageV1.MessageServiceClient);

  return { sut, requests, grpcClient };
}

describe('MessagePeersClient', () => {
  it('returns the peers from MessageService', async () => {
    const { sut } = createSut({ alice: ['bob', 'carol'] });

    expect(await sut.listPeers('alice')).toEqual(['bob', 'carol']);
  });

  it('asks MessageService once per user while cached', async () => {
    const { sut, requests } = createSut({ alice: ['bob'], bob: ['alice'] });

    await sut.listPeers('alice');
    await sut.listPeers('alice');
    await sut.listPeers('bob');

    expect(requests).toEqual(['alice', 'bob']);
  });

  it('closes the gRPC channel on shutdown', () => {
    const { sut, grpcClient } = createSut({});

    sut.onApplicationShutdown();

    expect(grpcClient.close).toHaveBeenCalledTimes(1);
  });
});
