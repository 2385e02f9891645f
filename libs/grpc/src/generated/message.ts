import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Attachment as _messenger_message_v1_Attachment, Attachment__Output as _messenger_message_v1_Attachment__Output } from './messenger/message/v1/Attachment';
import type { Conversation as _messenger_message_v1_Conversation, Conversation__Output as _messenger_message_v1_Conversation__Output } from './messenger/message/v1/Conversation';
import type { FilterMemberConversationsRequest as _messenger_message_v1_FilterMemberConversationsRequest, FilterMemberConversationsRequest__Output as _messenger_message_v1_FilterMemberConversationsRequest__Output } from './messenger/message/v1/FilterMemberConversationsRequest';
import type { FilterMemberConversationsResponse as _messenger_message_v1_FilterMemberConversationsResponse, FilterMemberConversationsResponse__Output as _messenger_message_v1_FilterMemberConversationsResponse__Output } from './messenger/message/v1/FilterMemberConversationsResponse';
import type { GetHistoryRequest as _messenger_message_v1_GetHistoryRequest, GetHistoryRequest__Output as _messenger_message_v1_GetHistoryRequest__Output } from './messenger/message/v1/GetHistoryRequest';
import type { GetHistoryResponse as _messenger_message_v1_GetHistoryResponse, GetHistoryResponse__Output as _messenger_message_v1_GetHistoryResponse__Output } from './messenger/message/v1/GetHistoryResponse';
import type { GetSyncStateRequest as _messenger_message_v1_GetSyncStateRequest, GetSyncStateRequest__Output as _messenger_message_v1_GetSyncStateRequest__Output } from './messenger/message/v1/GetSyncStateRequest';
import type { GetSyncStateResponse as _messenger_message_v1_GetSyncStateResponse, GetSyncStateResponse__Output as _messenger_message_v1_GetSyncStateResponse__Output } from './messenger/message/v1/GetSyncStateResponse';
import type { ListConversationsRequest as _messenger_message_v1_ListConversationsRequest, ListConversationsRequest__Output as _messenger_message_v1_ListConversationsRequest__Output } from './messenger/message/v1/ListConversationsRequest';
import type { ListConversationsResponse as _messenger_message_v1_ListConversationsResponse, ListConversationsResponse__Output as _messenger_message_v1_ListConversationsResponse__Output } from './messenger/message/v1/ListConversationsResponse';
import type { ListPeersRequest as _messenger_message_v1_ListPeersRequest, ListPeersRequest__Output as _messenger_message_v1_ListPeersRequest__Output } from './messenger/message/v1/ListPeersRequest';
import type { ListPeersResponse as _messenger_message_v1_ListPeersResponse, ListPeersResponse__Output as _messenger_message_v1_ListPeersResponse__Output } from './messenger/message/v1/ListPeersResponse';
import type { Member as _messenger_message_v1_Member, Member__Output as _messenger_message_v1_Member__Output } from './messenger/message/v1/Member';
import type { Message as _messenger_message_v1_Message, Message__Output as _messenger_message_v1_Message__Output } from './messenger/message/v1/Message';
import type { MessageServiceClient as _messenger_message_v1_MessageServiceClient, MessageServiceDefinition as _messenger_message_v1_MessageServiceDefinition } from './messenger/message/v1/MessageService';
import type { OpenDirectConversationRequest as _messenger_message_v1_OpenDirectConversationRequest, OpenDirectConversationRequest__Output as _messenger_message_v1_OpenDirectConversationRequest__Output } from './messenger/message/v1/OpenDirectConversationRequest';
import type { SendMessageRequest as _messenger_message_v1_SendMessageRequest, SendMessageRequest__Output as _messenger_message_v1_SendMessageRequest__Output } from './messenger/message/v1/SendMessageRequest';
import type { SendMessageResponse as _messenger_message_v1_SendMessageResponse, SendMessageResponse__Output as _messenger_message_v1_SendMessageResponse__Output } from './messenger/message/v1/SendMessageResponse';
import type { SendTypingRequest as _messenger_message_v1_SendTypingRequest, SendTypingRequest__Output as _messenger_message_v1_SendTypingRequest__Output } from './messenger/message/v1/SendTypingRequest';
import type { SendTypingResponse as _messenger_message_v1_SendTypingResponse, SendTypingResponse__Output as _messenger_message_v1_SendTypingResponse__Output } from './messenger/message/v1/SendTypingResponse';
import type { SyncPosition as _messenger_message_v1_SyncPosition, SyncPosition__Output as _messenger_message_v1_SyncPosition__Output } from './messenger/message/v1/SyncPosition';
import type { Thumbnail as _messenger_message_v1_Thumbnail, Thumbnail__Output as _messenger_message_v1_Thumbnail__Output } from './messenger/message/v1/Thumbnail';
import type { UpdateReceiptRequest as _messenger_message_v1_UpdateReceiptRequest, UpdateReceiptRequest__Output as _messenger_message_v1_UpdateReceiptRequest__Output } from './messenger/message/v1/UpdateReceiptRequest';
import type { UpdateReceiptResponse as _messenger_message_v1_UpdateReceiptResponse, UpdateReceiptResponse__Output as _messenger_message_v1_UpdateReceiptResponse__Output } from './messenger/message/v1/UpdateReceiptResponse';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  messenger: {
    message: {
      v1: {
        Attachment: MessageTypeDefinition<_messenger_message_v1_Attachment, _messenger_message_v1_Attachment__Output>
        Conversation: MessageTypeDefinition<_messenger_message_v1_Conversation, _messenger_message_v1_Conversation__Output>
        FilterMemberConversationsRequest: MessageTypeDefinition<_messenger_message_v1_FilterMemberConversationsRequest, _messenger_message_v1_FilterMemberConversationsRequest__Output>
        FilterMemberConversationsResponse: MessageTypeDefinition<_messenger_message_v1_FilterMemberConversationsResponse, _messenger_message_v1_FilterMemberConversationsResponse__Output>
        GetHistoryRequest: MessageTypeDefinition<_messenger_message_v1_GetHistoryRequest, _messenger_message_v1_GetHistoryRequest__Output>
        GetHistoryResponse: MessageTypeDefinition<_messenger_message_v1_GetHistoryResponse, _messenger_message_v1_GetHistoryResponse__Output>
        GetSyncStateRequest: MessageTypeDefinition<_messenger_message_v1_GetSyncStateRequest, _messenger_message_v1_GetSyncStateRequest__Output>
        GetSyncStateResponse: MessageTypeDefinition<_messenger_message_v1_GetSyncStateResponse, _messenger_message_v1_GetSyncStateResponse__Output>
        ListConversationsRequest: MessageTypeDefinition<_messenger_message_v1_ListConversationsRequest, _messenger_message_v1_ListConversationsRequest__Output>
        ListConversationsResponse: MessageTypeDefinition<_messenger_message_v1_ListConversationsResponse, _messenger_message_v1_ListConversationsResponse__Output>
        ListPeersRequest: MessageTypeDefinition<_messenger_message_v1_ListPeersRequest, _messenger_message_v1_ListPeersRequest__Output>
        ListPeersResponse: MessageTypeDefinition<_messenger_message_v1_ListPeersResponse, _messenger_message_v1_ListPeersResponse__Output>
        Member: MessageTypeDefinition<_messenger_message_v1_Member, _messenger_message_v1_Member__Output>
        Message: MessageTypeDefinition<_messenger_message_v1_Message, _messenger_message_v1_Message__Output>
        MessageService: SubtypeConstructor<typeof grpc.Client, _messenger_message_v1_MessageServiceClient> & { service: _messenger_message_v1_MessageServiceDefinition }
        OpenDirectConversationRequest: MessageTypeDefinition<_messenger_message_v1_OpenDirectConversationRequest, _messenger_message_v1_OpenDirectConversationRequest__Output>
        ReceiptStatus: EnumTypeDefinition
        SendMessageRequest: MessageTypeDefinition<_messenger_message_v1_SendMessageRequest, _messenger_message_v1_SendMessageRequest__Output>
        SendMessageResponse: MessageTypeDefinition<_messenger_message_v1_SendMessageResponse, _messenger_message_v1_SendMessageResponse__Output>
        SendTypingRequest: MessageTypeDefinition<_messenger_message_v1_SendTypingRequest, _messenger_message_v1_SendTypingRequest__Output>
        SendTypingResponse: MessageTypeDefinition<_messenger_message_v1_SendTypingResponse, _messenger_message_v1_SendTypingResponse__Output>
        SyncPosition: MessageTypeDefinition<_messenger_message_v1_SyncPosition, _messenger_message_v1_SyncPosition__Output>
        Thumbnail: MessageTypeDefinition<_messenger_message_v1_Thumbnail, _messenger_message_v1_Thumbnail__Output>
        UpdateReceiptRequest: MessageTypeDefinition<_messenger_message_v1_UpdateReceiptRequest, _messenger_message_v1_UpdateReceiptRequest__Output>
        UpdateReceiptResponse: MessageTypeDefinition<_messenger_message_v1_UpdateReceiptResponse, _messenger_message_v1_UpdateReceiptResponse__Output>
      }
    }
  }
}

