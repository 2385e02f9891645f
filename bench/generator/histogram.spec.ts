import { emptyHistogram, mergeHistograms, percentileMs, recordMicros } from './histogram';

describe('latency histogram', () => {
  it('reports percentiles within 2 % above the sample', () => {
    const histogram = emptyHistogram();
    for (let ms = 1; ms <= 100; ms++) recordMicros(histogram, ms * 1000);

    const p50 = percentileMs(histogram, 0.5)!;
    const p99 = percentileMs(histogram, 0.99)!;

    expect(p50).toBeGreaterThanOrEqual(50);
    expect(p50).toBeLessThanOrEqual(50 * 1.02);
    expect(p99).toBeGreaterThanOrEqual(99);
    expect(p99).toBeLessThanOrEqual(99 * 1.02);
  });

  it('caps the top percentile at the maximum', () => {
    const histogram = emptyHistogram();
    recordMicros(histogram, 1234);

    expect(percentileMs(histogram, 1)).toBe(1.234);
  });

  it('ranks missing samples above all others', () => {
    const histogram = emptyHistogram();
    for (let i = 0; i < 98; i++) recordMicros(histogram, 500);
    histogram.missing = 2;

    expect(percentileMs(histogram, 0.98)).not.toBeNull();
    expect(percentileMs(histogram, 0.99)).toBeNull();
  });

  it('returns null for no samples', () => {
    expect(percentileMs(emptyHistogram(), 0.5)).toBeNull();
  });

  it('merges counts, missing samples and maxima', () => {
    const first = emptyHistogram();
    const second = emptyHistogram();
    recordMicros(first, 100);
    recordMicros(second, 9000);
    second.missing = 3;

    const merged = mergeHistograms([first, second]);

    expect(merged.counts.reduce((sum, count) => sum + count, 0)).toBe(2);
    expect(merged.missing).toBe(3);
    expect(merged.maxMicros).toBe(9000);
  });
});
