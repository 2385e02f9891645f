// Original file: protos/messenger/message/v1/message.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { Conversation as _messenger_message_v1_Conversation, Conversation__Output as _messenger_message_v1_Conversation__Output } from '../../../messenger/message/v1/Conversation';
import type { FilterMemberConversationsRequest as _messenger_message_v1_FilterMemberConversationsRequest, FilterMemberConversationsRequest__Output as _messenger_message_v1_FilterMemberConversationsRequest__Output } from '../../../messenger/message/v1/FilterMemberConversationsRequest';
import type { FilterMemberConversationsResponse as _messenger_message_v1_FilterMemberConversationsResponse, FilterMemberConversationsResponse__Output as _messenger_message_v1_FilterMemberConversationsResponse__Output } from '../../../messenger/message/v1/FilterMemberConversationsResponse';
import type { GetHistoryRequest as _messenger_message_v1_GetHistoryRequest, GetHistoryRequest__Output as _messenger_message_v1_GetHistoryRequest__Output } from '../../../messenger/message/v1/GetHistoryRequest';
import type { GetHistoryResponse as _messenger_message_v1_GetHistoryResponse, GetHistoryResponse__Output as _messenger_message_v1_GetHistoryResponse__Output } from '../../../messenger/message/v1/GetHistoryResponse';
import type { GetSyncStateRequest as _messenger_message_v1_GetSyncStateRequest, GetSyncStateRequest__Output as _messenger_message_v1_GetSyncStateRequest__Output } from '../../../messenger/message/v1/GetSyncStateRequest';
import type { GetSyncStateResponse as _messenger_message_v1_GetSyncStateResponse, GetSyncStateResponse__Output as _messenger_message_v1_GetSyncStateResponse__Output } from '../../../messenger/message/v1/GetSyncStateResponse';
import type { ListConversationsRequest as _messenger_message_v1_ListConversationsRequest, ListConversationsRequest__Output as _messenger_message_v1_ListConversationsRequest__Output } from '../../../messenger/message/v1/ListConversationsRequest';
import type { ListConversationsResponse as _messenger_message_v1_ListConversationsResponse, ListConversationsResponse__Output as _messenger_message_v1_ListConversationsResponse__Output } from '../../../messenger/message/v1/ListConversationsResponse';
import type { ListPeersRequest as _messenger_message_v1_ListPeersRequest, ListPeersRequest__Output as _messenger_message_v1_ListPeersRequest__Output } from '../../../messenger/message/v1/ListPeersRequest';
import type { ListPeersResponse as _messenger_message_v1_ListPeersResponse, ListPeersResponse__Output as _messenger_message_v1_ListPeersResponse__Output } from '../../../messenger/message/v1/ListPeersResponse';
import type { OpenDirectConversationRequest as _messenger_message_v1_OpenDirectConversationRequest, OpenDirectConversationRequest__Output as _messenger_message_v1_OpenDirectConversationRequest__Output } from '../../../messenger/message/v1/OpenDirectConversationRequest';
import type { SendMessageRequest as _messenger_message_v1_SendMessageRequest, SendMessageRequest__Output as _messenger_message_v1_SendMessageRequest__Output } from '../../../messenger/message/v1/SendMessageRequest';
import type { SendMessageResponse as _messenger_message_v1_SendMessageResponse, SendMessageResponse__Output as _messenger_message_v1_SendMessageResponse__Output } from '../../../messenger/message/v1/SendMessageResponse';
import type { SendTypingRequest as _messenger_message_v1_SendTypingRequest, SendTypingRequest__Output as _messenger_message_v1_SendTypingRequest__Output } from '../../../messenger/message/v1/SendTypingRequest';
import type { SendTypingResponse as _messenger_message_v1_SendTypingResponse, SendTypingResponse__Output as _messenger_message_v1_SendTypingResponse__Output } from '../../../messenger/message/v1/SendTypingResponse';
import type { UpdateReceiptRequest as _messenger_message_v1_UpdateReceiptRequest, UpdateReceiptRequest__Output as _messenger_message_v1_UpdateReceiptRequest__Output } from '../../../messenger/message/v1/UpdateReceiptRequest';
import type { UpdateReceiptResponse as _messenger_message_v1_UpdateReceiptResponse, UpdateReceiptResponse__Output as _messenger_message_v1_UpdateReceiptResponse__Output } from '../../../messenger/message/v1/UpdateReceiptResponse';

export interface MessageServiceClient extends grpc.Client {
  FilterMemberConversations(argument: _messenger_message_v1_FilterMemberConversationsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_message_v1_FilterMemberConversationsResponse__Output>): grpc.ClientUnaryCall;
  FilterMemberConversations(argument: _messenger_message_v1_FilterMemberConversationsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_messenger_message_v1_FilterMemberConversationsResponse__Output>): grpc.ClientUnaryCall;
  FilterMemberConversations(argument: _messenger_message_v1_FilterMemberConversationsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_message_v1_FilterMemberConversationsResponse__Output>): grpc.ClientUnaryCall;
  FilterMemberConversations(argument: _messenger_message_v1_FilterMemberConversationsRequest, callback: grpc.requestCallback<_messenger_message_v1_FilterMemberConversationsResponse__Output>): grpc.ClientUnaryCall;
  filterMemberConversations(argument: _messenger_message_v1_FilterMemberConversationsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_message_v1_FilterMemberConversationsResponse__Output>): grpc.ClientUnaryCall;
  filterMemberConversations(argument: _messenger_message_v1_FilterMemberConversationsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_messenger_message_v1_FilterMemberConversationsResponse__Output>): grpc.ClientUnaryCall;
  filterMemberConversations(argument: _messenger_message_v1_FilterMemberConversationsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_message_v1_FilterMemberConversationsResponse__Output>): grpc.ClientUnaryCall;
  filterMemberConversations(argument: _messenger_message_v1_FilterMemberConversationsRequest, callback: grpc.requestCallback<_messenger_message_v1_FilterMemberConversationsResponse__Output>): grpc.ClientUnaryCall;
  
  GetHistory(argument: _messenger_message_v1_GetHistoryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_message_v1_GetHistoryResponse__Output>): grpc.ClientUnaryCall;
  GetHistory(argument: _messenger_message_v1_GetHistoryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_messenger_message_v1_GetHistoryResponse__Output>): grpc.ClientUnaryCall;
  GetHistory(argument: _messenger_message_v1_GetHistoryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_message_v1_GetHistoryResponse__Output>): grpc.ClientUnaryCall;
  GetHistory(argument: _messenger_message_v1_GetHistoryRequest, callback: grpc.requestCallback<_messenger_message_v1_GetHistoryResponse__Output>): grpc.ClientUnaryCall;
  getHistory(argument: _messenger_message_v1_GetHistoryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_message_v1_GetHistoryResponse__Output>): grpc.ClientUnaryCall;
  getHistory(argument: _messenger_message_v1_GetHistoryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_messenger_message_v1_GetHistoryResponse__Output>): grpc.ClientUnaryCall;
  getHistory(argument: _messenger_message_v1_GetHistoryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_message_v1_GetHistoryResponse__Output>): grpc.ClientUnaryCall;
  getHistory(argument: _messenger_message_v1_GetHistoryRequest, callback: grpc.requestCallback<_messenger_message_v1_GetHistoryResponse__Output>): grpc.ClientUnaryCall;
  
  GetSyncState(argument: _messenger_message_v1_GetSyncStateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_message_v1_GetSyncStateResponse__Output>): grpc.ClientUnaryCall;
  GetSyncState(argument: _messenger_message_v1_GetSyncStateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_messenger_message_v1_GetSyncStateResponse__Output>): grpc.ClientUnaryCall;
  GetSyncState(argument: _messenger_message_v1_GetSyncStateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_message_v1_GetSyncStateResponse__Output>): grpc.ClientUnaryCall;
  GetSyncState(argument: _messenger_message_v1_GetSyncStateRequest, callback: grpc.requestCallback<_messenger_message_v1_GetSyncStateResponse__Output>): grpc.ClientUnaryCall;
  getSyncState(argument: _messenger_message_v1_GetSyncStateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_message_v1_GetSyncStateResponse__Output>): grpc.ClientUnaryCall;
  getSyncState(argument: _messenger_message_v1_GetSyncStateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_messenger_message_v1_GetSyncStateResponse__Output>): grpc.ClientUnaryCall;
  getSyncState(argument: _messenger_message_v1_GetSyncStateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_message_v1_GetSyncStateResponse__Output>): grpc.ClientUnaryCall;
  getSyncState(argument: _messenger_message_v1_GetSyncStateRequest, callback: grpc.requestCallback<_messenger_message_v1_GetSyncStateResponse__Output>): grpc.ClientUnaryCall;
  
  ListConversations(argument: _messenger_message_v1_ListConversationsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_message_v1_ListConversationsResponse__Output>): grpc.ClientUnaryCall;
  ListConversations(argument: _messenger_message_v1_ListConversationsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_messenger_message_v1_ListConversationsResponse__Output>): grpc.ClientUnaryCall;
  ListConversations(argument: _messenger_message_v1_ListConversationsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_message_v1_ListConversationsResponse__Output>): grpc.ClientUnaryCall;
  ListConversations(argument: _messenger_message_v1_ListConversationsRequest, callback: grpc.requestCallback<_messenger_message_v1_ListConversationsResponse__Output>): grpc.ClientUnaryCall;
  listConversations(argument: _messenger_message_v1_ListConversationsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_message_v1_ListConversationsResponse__Output>): grpc.ClientUnaryCall;
  listConversations(argument: _messenger_message_v1_ListConversationsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_messenger_message_v1_ListConversationsResponse__Output>): grpc.ClientUnaryCall;
  listConversations(argument: _messenger_message_v1_ListConversationsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_message_v1_ListConversationsResponse__Output>): grpc.ClientUnaryCall;
  listConversations(argument: _messenger_message_v1_ListConversationsRequest, callback: grpc.requestCallback<_messenger_message_v1_ListConversationsResponse__Output>): grpc.ClientUnaryCall;
  
  ListPeers(argument: _messenger_message_v1_ListPeersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_message_v1_ListPeersResponse__Output>): grpc.ClientUnaryCall;
  ListPeers(argument: _messenger_message_v1_ListPeersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_messenger_message_v1_ListPeersResponse__Output>): grpc.ClientUnaryCall;
  ListPeers(argument: _messenger_message_v1_ListPeersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_message_v1_ListPeersResponse__Output>): grpc.ClientUnaryCall;
  ListPeers(argument: _messenger_message_v1_ListPeersRequest, callback: grpc.requestCallback<_messenger_message_v1_ListPeersResponse__Output>): grpc.ClientUnaryCall;
  listPeers(argument: _messenger_message_v1_ListPeersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_message_v1_ListPeersResponse__Output>): grpc.ClientUnaryCall;
  listPeers(argument: _messenger_message_v1_ListPeersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_messenger_message_v1_ListPeersResponse__Output>): grpc.ClientUnaryCall;
  listPeers(argument: _messenger_message_v1_ListPeersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_message_v1_ListPeersResponse__Output>): grpc.ClientUnaryCall;
  listPeers(argument: _messenger_message_v1_ListPeersRequest, callback: grpc.requestCallback<_messenger_message_v1_ListPeersResponse__Output>): grpc.ClientUnaryCall;
  
  OpenDirectConversation(argument: _messenger_message_v1_OpenDirectConversationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_message_v1_Conversation__Output>): grpc.ClientUnaryCall;
  OpenDirectConversation(argument: _messenger_message_v1_OpenDirectConversationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_messenger_message_v1_Conversation__Output>): grpc.ClientUnaryCall;
  OpenDirectConversation(argument: _messenger_message_v1_OpenDirectConversationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_message_v1_Conversation__Output>): grpc.ClientUnaryCall;
  OpenDirectConversation(argument: _messenger_message_v1_OpenDirectConversationRequest, callback: grpc.requestCallback<_messenger_message_v1_Conversation__Output>): grpc.ClientUnaryCall;
  openDirectConversation(argument: _messenger_message_v1_OpenDirectConversationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_message_v1_Conversation__Output>): grpc.ClientUnaryCall;
  openDirectConversation(argument: _messenger_message_v1_OpenDirectConversationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_messenger_message_v1_Conversation__Output>): grpc.ClientUnaryCall;
  openDirectConversation(argument: _messenger_message_v1_OpenDirectConversationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_message_v1_Conversation__Output>): grpc.ClientUnaryCall;
  openDirectConversation(argument: _messenger_message_v1_OpenDirectConversationRequest, callback: grpc.requestCallback<_messenger_message_v1_Conversation__Output>): grpc.ClientUnaryCall;
  
  SendMessage(argument: _messenger_message_v1_SendMessageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_message_v1_SendMessageResponse__Output>): grpc.ClientUnaryCall;
  SendMessage(argument: _messenger_message_v1_SendMessageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_messenger_message_v1_SendMessageResponse__Output>): grpc.ClientUnaryCall;
  SendMessage(argument: _messenger_message_v1_SendMessageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_message_v1_SendMessageResponse__Output>): grpc.ClientUnaryCall;
  SendMessage(argument: _messenger_message_v1_SendMessageRequest, callback: grpc.requestCallback<_messenger_message_v1_SendMessageResponse__Output>): grpc.ClientUnaryCall;
  sendMessage(argument: _messenger_message_v1_SendMessageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_message_v1_SendMessageResponse__Output>): grpc.ClientUnaryCall;
  sendMessage(argument: _messenger_message_v1_SendMessageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_messenger_message_v1_SendMessageResponse__Output>): grpc.ClientUnaryCall;
  sendMessage(argument: _messenger_message_v1_SendMessageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_message_v1_SendMessageResponse__Output>): grpc.ClientUnaryCall;
  sendMessage(argument: _messenger_message_v1_SendMessageRequest, callback: grpc.requestCallback<_messenger_message_v1_SendMessageResponse__Output>): grpc.ClientUnaryCall;
  
  SendTyping(argument: _messenger_message_v1_SendTypingRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_message_v1_SendTypingResponse__Output>): grpc.ClientUnaryCall;
  SendTyping(argument: _messenger_message_v1_SendTypingRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_messenger_message_v1_SendTypingResponse__Output>): grpc.ClientUnaryCall;
  SendTyping(argument: _messenger_message_v1_SendTypingRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_message_v1_SendTypingResponse__Output>): grpc.ClientUnaryCall;
  SendTyping(argument: _messenger_message_v1_SendTypingRequest, callback: grpc.requestCallback<_messenger_message_v1_SendTypingResponse__Output>): grpc.ClientUnaryCall;
  sendTyping(argument: _messenger_message_v1_SendTypingRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_message_v1_SendTypingResponse__Output>): grpc.ClientUnaryCall;
  sendTyping(argument: _messenger_message_v1_SendTypingRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_messenger_message_v1_SendTypingResponse__Output>): grpc.ClientUnaryCall;
  sendTyping(argument: _messenger_message_v1_SendTypingRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_message_v1_SendTypingResponse__Output>): grpc.ClientUnaryCall;
  sendTyping(argument: _messenger_message_v1_SendTypingRequest, callback: grpc.requestCallback<_messenger_message_v1_SendTypingResponse__Output>): grpc.ClientUnaryCall;
  
  UpdateReceipt(argument: _messenger_message_v1_UpdateReceiptRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_message_v1_UpdateReceiptResponse__Output>): grpc.ClientUnaryCall;
  UpdateReceipt(argument: _messenger_message_v1_UpdateReceiptRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_messenger_message_v1_UpdateReceiptResponse__Output>): grpc.ClientUnaryCall;
  UpdateReceipt(argument: _messenger_message_v1_UpdateReceiptRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_message_v1_UpdateReceiptResponse__Output>): grpc.ClientUnaryCall;
  UpdateReceipt(argument: _messenger_message_v1_UpdateReceiptRequest, callback: grpc.requestCallback<_messenger_message_v1_UpdateReceiptResponse__Output>): grpc.ClientUnaryCall;
  updateReceipt(argument: _messenger_message_v1_UpdateReceiptRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_message_v1_UpdateReceiptResponse__Output>): grpc.ClientUnaryCall;
  updateReceipt(argument: _messenger_message_v1_UpdateReceiptRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_messenger_message_v1_UpdateReceiptResponse__Output>): grpc.ClientUnaryCall;
  updateReceipt(argument: _messenger_message_v1_UpdateReceiptRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_message_v1_UpdateReceiptResponse__Output>): grpc.ClientUnaryCall;
  updateReceipt(argument: _messenger_message_v1_UpdateReceiptRequest, callback: grpc.requestCallback<_messenger_message_v1_UpdateReceiptResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface MessageServiceHandlers extends grpc.UntypedServiceImplementation {
  FilterMemberConversations: grpc.handleUnaryCall<_messenger_message_v1_FilterMemberConversationsRequest__Output, _messenger_message_v1_FilterMemberConversationsResponse>;
  
  GetHistory: grpc.handleUnaryCall<_messenger_message_v1_GetHistoryRequest__Output, _messenger_message_v1_GetHistoryResponse>;
  
  GetSyncState: grpc.handleUnaryCall<_messenger_message_v1_GetSyncStateRequest__Output, _messenger_message_v1_GetSyncStateResponse>;
  
  ListConversations: grpc.handleUnaryCall<_messenger_message_v1_ListConversationsRequest__Output, _messenger_message_v1_ListConversationsResponse>;
  
  ListPeers: grpc.handleUnaryCall<_messenger_message_v1_ListPeersRequest__Output, _messenger_message_v1_ListPeersResponse>;
  
  OpenDirectConversation: grpc.handleUnaryCall<_messenger_message_v1_OpenDirectConversationRequest__Output, _messenger_message_v1_Conversation>;
  
  SendMessage: grpc.handleUnaryCall<_messenger_message_v1_SendMessageRequest__Output, _messenger_message_v1_SendMessageResponse>;
  
  SendTyping: grpc.handleUnaryCall<_messenger_message_v1_SendTypingRequest__Output, _messenger_message_v1_SendTypingResponse>;
  
  UpdateReceipt: grpc.handleUnaryCall<_messenger_message_v1_UpdateReceiptRequest__Output, _messenger_message_v1_UpdateReceiptResponse>;
  
}

export interface MessageServiceDefinition extends grpc.ServiceDefinition {
  FilterMemberConversations: MethodDefinition<_messenger_message_v1_FilterMemberConversationsRequest, _messenger_message_v1_FilterMemberConversationsResponse, _messenger_message_v1_FilterMemberConversationsRequest__Output, _messenger_message_v1_FilterMemberConversationsResponse__Output>
  GetHistory: MethodDefinition<_messenger_message_v1_GetHistoryRequest, _messenger_message_v1_GetHistoryResponse, _messenger_message_v1_GetHistoryRequest__Output, _messenger_message_v1_GetHistoryResponse__Output>
  GetSyncState: MethodDefinition<_messenger_message_v1_GetSyncStateRequest, _messenger_message_v1_GetSyncStateResponse, _messenger_message_v1_GetSyncStateRequest__Output, _messenger_message_v1_GetSyncStateResponse__Output>
  ListConversations: MethodDefinition<_messenger_message_v1_ListConversationsRequest, _messenger_message_v1_ListConversationsResponse, _messenger_message_v1_ListConversationsRequest__Output, _messenger_message_v1_ListConversationsResponse__Output>
  ListPeers: MethodDefinition<_messenger_message_v1_ListPeersRequest, _messenger_message_v1_ListPeersResponse, _messenger_message_v1_ListPeersRequest__Output, _messenger_message_v1_ListPeersResponse__Output>
  OpenDirectConversation: MethodDefinition<_messenger_message_v1_OpenDirectConversationRequest, _messenger_message_v1_Conversation, _messenger_message_v1_OpenDirectConversationRequest__Output, _messenger_message_v1_Conversation__Output>
  SendMessage: MethodDefinition<_messenger_message_v1_SendMessageRequest, _messenger_message_v1_SendMessageResponse, _messenger_message_v1_SendMessageRequest__Output, _messenger_message_v1_SendMessageResponse__Output>
  SendTyping: MethodDefinition<_messenger_message_v1_SendTypingRequest, _messenger_message_v1_SendTypingResponse, _messenger_message_v1_SendTypingRequest__Output, _messenger_message_v1_SendTypingResponse__Output>
  UpdateReceipt: MethodDefinition<_messenger_message_v1_UpdateReceiptRequest, _messenger_message_v1_UpdateReceiptResponse, _messenger_message_v1_UpdateReceiptRequest__Output, _messenger_message_v1_UpdateReceiptResponse__Output>
}
