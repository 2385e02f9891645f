export type * from './AttachFilesRequest';
export type * from './AttachFilesResponse';
export type * from './Attachment';
export type * from './MediaService';
export type * from './Thumbnail';
