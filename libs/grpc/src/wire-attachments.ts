import type { WireAttachment } from '@messenger/protocol';

/** An attachment as proto-loader decodes it, from messenger.media.v1 or messenger.message.v1. */
export interface DecodedAttachment {
  fileId: string;
  type: string;
  size: number;
  name: string;
  width: number;
  height: number;
  thumbnails: { variant: string; width: number; height: number }[];
}

/** Converts a decoded attachment to its wire form, where proto3's defaults ("" and 0) become absent fields. */
export function toWireAttachment(attachment: DecodedAttachment): WireAttachment {
  const wire: WireAttachment = {
    fileId: attachment.fileId,
    type: attachment.type,
    size: attachment.size,
    thumbnails: attachment.thumbnails.map(({ variant, width, height }) => ({ variant, width, height })),
  };
  if (attachment.name) wire.name = attachment.name;
  if (attachment.width > 0 && attachment.height > 0) {
    wire.width = attachment.width;
    wire.height = attachment.height;
  }

  return wire;
}
