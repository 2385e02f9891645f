// Original file: protos/messenger/media/v1/media.proto

import type { Thumbnail as _messenger_media_v1_Thumbnail, Thumbnail__Output as _messenger_media_v1_Thumbnail__Output } from '../../../messenger/media/v1/Thumbnail';
import type { Long } from '@grpc/proto-loader';

export interface Attachment {
  'fileId'?: (string);
  'type'?: (string);
  'size'?: (number | string | Long);
  'name'?: (string);
  'width'?: (number);
  'height'?: (number);
  'thumbnails'?: (_messenger_media_v1_Thumbnail)[];
}

export interface Attachment__Output {
  'fileId': (string);
  'type': (string);
  'size': (number);
  'name': (string);
  'width': (number);
  'height': (number);
  'thumbnails': (_messenger_media_v1_Thumbnail__Output)[];
}
