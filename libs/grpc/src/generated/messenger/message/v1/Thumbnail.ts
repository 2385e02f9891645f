// Original file: protos/messenger/message/v1/message.proto


export interface Thumbnail {
  'variant'?: (string);
  'width'?: (number);
  'height'?: (number);
}

export interface Thumbnail__Output {
  'variant': (string);
  'width': (number);
  'height': (number);
}
