// Original file: protos/messenger/media/v1/media.proto

import type { Attachment as _messenger_media_v1_Attachment, Attachment__Output as _messenger_media_v1_Attachment__Output } from '../../../messenger/media/v1/Attachment';

export interface AttachFilesResponse {
  'attachments'?: (_messenger_media_v1_Attachment)[];
}

export interface AttachFilesResponse__Output {
  'attachments': (_messenger_media_v1_Attachment__Output)[];
}
