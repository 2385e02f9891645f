// Original file: protos/messenger/media/v1/media.proto


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
