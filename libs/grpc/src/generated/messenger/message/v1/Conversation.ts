// Original file: protos/messenger/message/v1/message.proto

import type { Member as _messenger_message_v1_Member, Member__Output as _messenger_message_v1_Member__Output } from '../../../messenger/message/v1/Member';
import type { Message as _messenger_message_v1_Message, Message__Output as _messenger_message_v1_Message__Output } from '../../../messenger/message/v1/Message';
import type { Long } from '@grpc/proto-loader';

export interface Conversation {
  'conversationId'?: (string);
  'kind'?: (string);
  'members'?: (_messenger_message_v1_Member)[];
  'lastSeq'?: (number | string | Long);
  'createdAt'?: (number | string | Long);
  'lastMessage'?: (_messenger_message_v1_Message | null);
  'lastActivityAt'?: (number | string | Long);
  'unreadCount'?: (number | string | Long);
}

export interface Conversation__Output {
  'conversationId': (string);
  'kind': (string);
  'members': (_messenger_message_v1_Member__Output)[];
  'lastSeq': (number);
  'createdAt': (number);
  'lastMessage': (_messenger_message_v1_Message__Output | null);
  'lastActivityAt': (number);
  'unreadCount': (number);
}
