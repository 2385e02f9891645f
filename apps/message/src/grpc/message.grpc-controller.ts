import { Controller, Inject } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import type { Metadata } from '@grpc/grpc-js';
import { RpcHandler, messageV1 } from '@messenger/grpc';
import { LOGGER, Logger } from '@messenger/logging';
import { AppError, ErrorCode } from '@messenger/protocol';
import { ConversationView, ConversationsService, unreadCount } from '../conversations/conversations.service';
import { MessagesService } from '../messages/messages.service';
import { ReceiptKind, ReceiptsService } from '../receipts/receipts.service';
import { TypingService } from '../typing/typing.service';

const RECEIPT_KINDS: Record<string, ReceiptKind> = {
  RECEIPT_STATUS_DELIVERED: 'delivered',
  RECEIPT_STATUS_READ: 'read',
};

/** messenger.message.v1.MessageService over gRPC; each method hands its request to a service. */
@Controller()
export class MessageGrpcController {
  private readonly rpc: RpcHandler;

  constructor(
    private readonly conversations: ConversationsService,
    private readonly messages: MessagesService,
    private readonly receipts: ReceiptsService,
    private readonly typing: TypingService,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.rpc = new RpcHandler(logger);
  }

  @GrpcMethod('MessageService', 'OpenDirectConversation')
  openDirectConversation(
    request: messageV1.OpenDirectConversationRequest__Output,
    metadata: Metadata,
  ): Promise<messageV1.Conversation> {
    return this.rpc.serve(metadata, 'OpenDirectConversation', async () =>
      toConversation(await this.conversations.openDirect(request.userId, request.peerUserId), request.userId),
    );
  }

  @GrpcMethod('MessageService', 'ListConversations')
  listConversations(
    request: messageV1.ListConversationsRequest__Output,
    metadata: Metadata,
  ): Promise<messageV1.ListConversationsResponse> {
    return this.rpc.serve(metadata, 'ListConversations', async () => {
      const page = await this.conversations.list(request.userId, request.limit, request.cursor);

      return {
        conversations: page.conversations.map((view) => toConversation(view, request.userId)),
        nextCursor: page.nextCursor,
        totalUnread: page.totalUnread,
      };
    });
  }

  @GrpcMethod('MessageService', 'SendMessage')
  sendMessage(request: messageV1.SendMessageRequest__Output, metadata: Metadata): Promise<messageV1.SendMessageResponse> {
    return this.rpc.serve(metadata, 'SendMessage', () =>
      this.messages.send({
        conversationId: request.conversationId,
        senderId: request.userId,
        senderDeviceId: request.deviceId,
        clientMessageId: request.clientMessageId,
        body: request.body,
        attachmentFileIds: request.attachmentFileIds,
      }),
    );
  }

  @GrpcMethod('MessageService', 'GetHistory')
  getHistory(request: messageV1.GetHistoryRequest__Output, metadata: Metadata): Promise<messageV1.GetHistoryResponse> {
    return this.rpc.serve(metadata, 'GetHistory', () => this.messages.history(request));
  }

  @GrpcMethod('MessageService', 'UpdateReceipt')
  updateReceipt(
    request: messageV1.UpdateReceiptRequest__Output,
    metadata: Metadata,
  ): Promise<messageV1.UpdateReceiptResponse> {
    return this.rpc.serve(metadata, 'UpdateReceipt', async () => {
      const kind = RECEIPT_KINDS[request.status];
      if (!kind) {
        throw new AppError(ErrorCode.INVALID_ARGUMENT, `status must be DELIVERED or READ, got ${request.status}`);
      }
      const member = await this.receipts.update({ ...request, kind });

      return { deliveredSeq: member.deliveredSeq, readSeq: member.readSeq };
    });
  }

  @GrpcMethod('MessageService', 'GetSyncState')
  getSyncState(
    request: messageV1.GetSyncStateRequest__Output,
    metadata: Metadata,
  ): Promise<messageV1.GetSyncStateResponse> {
    return this.rpc.serve(metadata, 'GetSyncState', async () => ({
      positions: await this.receipts.syncState(request.userId, request.deviceId),
    }));
  }

  @GrpcMethod('MessageService', 'SendTyping')
  sendTyping(request: messageV1.SendTypingRequest__Output, metadata: Metadata): Promise<messageV1.SendTypingResponse> {
    return this.rpc.serve(metadata, 'SendTyping', async () => ({
      expiresAt: (await this.typing.send(request)).expiresAt,
    }));
  }

  @GrpcMethod('MessageService', 'FilterMemberConversations')
  filterMemberConversations(
    request: messageV1.FilterMemberConversationsRequest__Output,
    metadata: Metadata,
  ): Promise<messageV1.FilterMemberConversationsResponse> {
    return this.rpc.serve(metadata, 'FilterMemberConversations', async () => ({
      conversationIds: await this.conversations.filterMemberOf(request.userId, request.conversationIds),
    }));
  }

  @GrpcMethod('MessageService', 'ListPeers')
  listPeers(request: messageV1.ListPeersRequest__Output, metadata: Metadata): Promise<messageV1.ListPeersResponse> {
    return this.rpc.serve(metadata, 'ListPeers', async () => ({
      userIds: await this.conversations.listPeers(request.userId),
    }));
  }
}

/** Converts a conversation view for the requesting user, with that user's unread count. */
function toConversation(view: ConversationView, userId: string): messageV1.Conversation {
  return {
    conversationId: view.conversationId,
    kind: view.kind,
    members: view.members,
    lastSeq: view.lastSeq,
    createdAt: view.createdAt,
    lastMessage: view.lastMessage,
    lastActivityAt: view.lastActivityAt,
    unreadCount: unreadCount(view, userId.toLowerCase()),
  };
}
