// Original file: protos/messenger/message/v1/message.proto

import type { Thumbnail as _messenger_message_v1_Thumbnail, Thumbnail__Output as _messenger_message_v1_Thumbnail__Output } from '../../../messenger/message/v1/Thumbnail';
import type { Long } from '@grpc/proto-loader';

export interface Attachment {
  'fileId'?: (string);
  'type'?: (string);
  'size'?: (number | string | Long);
  'name'?: (string);
  'width'?: (number);
  'height'?: (number);
  'thumbnails'?: (_messenger_message_v1_Thumbnail)[];
}

export interface Attachment__Output {
  'fileId': (string);
  'type': (string);
  'size': (number);
  'name': (string);
  'width': (number);
  'height': (number);
  'thumbnails': (_messenger_message_v1_Thumbnail__Output)[];
}
