import { thumbnailEdges } from './thumbnails';

describe('thumbnailEdges', () => {
  it.each([
    [100, 80, [160]],
    [300, 200, [160, 480]],
    [1000, 500, [160, 480, 1280]],
    [200, 4000, [160, 480, 1280]],
  ])('makes the useful sizes for %ix%i', (width, height, expected) => {
    expect(thumbnailEdges(width, height)).toEqual(expected);
  });
});
