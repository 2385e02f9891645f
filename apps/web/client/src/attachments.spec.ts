import { chooseThumbnail, describeAttachments, displaySize, formatBytes, MAX_IMAGE_EDGE_PX } from './attachments';

const THUMBNAILS = [
  { variant: 'thumbnail-1280', width: 1280, height: 960 },
  { variant: 'thumbnail-160', width: 160, height: 120 },
  { variant: 'thumbnail-480', width: 480, height: 360 },
];

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1.0 KB'],
    [4300, '4.2 KB'],
    [150 * 1024, '150 KB'],
    [12 * 1024 * 1024, '12 MB'],
    [3 * 1024 ** 4, '3072 GB'],
  ])('formats %d bytes as %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('describeAttachments', () => {
  it('names one image a photo', () => {
    expect(describeAttachments([{ fileId: 'f1', type: 'image/png' }])).toBe('Photo');
  });

  it('counts several images', () => {
    const images = [
      { fileId: 'f1', type: 'image/png' },
      { fileId: 'f2', type: 'image/webp' },
    ];

    expect(describeAttachments(images)).toBe('2 photos');
  });

  it('names one other file by its name, else its type', () => {
    expect(describeAttachments([{ fileId: 'f1', type: 'application/pdf', name: 'plan.pdf' }])).toBe('File: plan.pdf');
    expect(describeAttachments([{ fileId: 'f1', type: 'application/pdf' }])).toBe('File: PDF');
  });

  it('counts a mix of files', () => {
    const files = [
      { fileId: 'f1', type: 'image/png' },
      { fileId: 'f2', type: 'text/plain' },
    ];

    expect(describeAttachments(files)).toBe('2 files');
  });

  it('falls back for files of unknown type', () => {
    expect(describeAttachments([{ fileId: 'f1' }])).toBe('Attachment');
    expect(describeAttachments([])).toBe('Attachment');
  });
});

describe('displaySize', () => {
  it('fits a landscape image into the maximum edge', () => {
    expect(displaySize({ width: 1200, height: 900 })).toEqual({ width: MAX_IMAGE_EDGE_PX, height: 240 });
  });

  it('fits a portrait image into the maximum edge', () => {
    expect(displaySize({ width: 900, height: 1200 })).toEqual({ width: 240, height: MAX_IMAGE_EDGE_PX });
  });

  it('does not enlarge a small image', () => {
    expect(displaySize({ width: 100, height: 50 })).toEqual({ width: 100, height: 50 });
  });

  it('takes the shape of the upright thumbnails over the header size', () => {
    // An EXIF-rotated photo: the header says landscape, the thumbnails are portrait.
    const thumbnails = [{ variant: 'thumbnail-160', width: 120, height: 160 }];

    expect(displaySize({ width: 4000, height: 3000, thumbnails })).toEqual({ width: 240, height: MAX_IMAGE_EDGE_PX });
  });

  it('keeps a sliver at least one pixel high', () => {
    expect(displaySize({ width: 10_000, height: 1 })).toEqual({ width: MAX_IMAGE_EDGE_PX, height: 1 });
  });

  it('is undefined without any size', () => {
    expect(displaySize({})).toBeUndefined();
  });
});

describe('chooseThumbnail', () => {
  it('picks the smallest thumbnail that covers the display size', () => {
    expect(chooseThumbnail(THUMBNAILS, { width: 320, height: 240 }, 1)?.variant).toBe('thumbnail-480');
    expect(chooseThumbnail(THUMBNAILS, { width: 150, height: 113 }, 1)?.variant).toBe('thumbnail-160');
  });

  it('accounts for the pixel ratio', () => {
    expect(chooseThumbnail(THUMBNAILS, { width: 320, height: 240 }, 2)?.variant).toBe('thumbnail-1280');
  });

  it('tolerates one pixel of rounding', () => {
    expect(chooseThumbnail(THUMBNAILS, { width: 161, height: 121 }, 1)?.variant).toBe('thumbnail-160');
  });

  it('falls back to the largest thumbnail', () => {
    expect(chooseThumbnail(THUMBNAILS, { width: 320, height: 240 }, 5)?.variant).toBe('thumbnail-1280');
  });

  it('is undefined without thumbnails', () => {
    expect(chooseThumbnail([], { width: 320, height: 240 }, 1)).toBeUndefined();
  });
});
