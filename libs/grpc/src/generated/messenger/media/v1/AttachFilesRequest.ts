// Original file: protos/messenger/media/v1/media.proto


export interface AttachFilesRequest {
  'userId'?: (string);
  'conversationId'?: (string);
  'fileIds'?: (string)[];
}

export interface AttachFilesRequest__Output {
  'userId': (string);
  'conversationId': (string);
  'fileIds': (string)[];
}
