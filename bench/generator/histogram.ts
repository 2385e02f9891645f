/**
 * Latency histogram with logarithmic buckets of 2 % width from 1 µs up, so
 * that worker threads can merge theirs by adding counts. A percentile is
 * reported as the upper bound of its bucket, so it overstates by at most 2 %.
 * Samples that never arrived are counted apart as `missing` and rank above
 * every recorded latency.
 */
const GROWTH = 1.02;
const LOG_GROWTH = Math.log(GROWTH);
const BUCKET_COUNT = 1200; // 1.02^1200 µs is about 6 hours

export interface HistogramData {
  counts: number[];
  missing: number;
  maxMicros: number;
}

export function emptyHistogram(): HistogramData {
  return { counts: new Array<number>(BUCKET_COUNT).fill(0), missing: 0, maxMicros: 0 };
}

export function recordMicros(histogram: HistogramData, micros: number): void {
  const bucket = micros <= 1 ? 0 : Math.min(BUCKET_COUNT - 1, Math.ceil(Math.log(micros) / LOG_GROWTH));
  histogram.counts[bucket]++;
  if (micros > histogram.maxMicros) histogram.maxMicros = micros;
}

export function mergeHistograms(histograms: HistogramData[]): HistogramData {
  const merged = emptyHistogram();
  for (const histogram of histograms) {
    for (let i = 0; i < BUCKET_COUNT; i++) merged.counts[i] += histogram.counts[i];
    merged.missing += histogram.missing;
    merged.maxMicros = Math.max(merged.maxMicros, histogram.maxMicros);
  }

  return merged;
}

/**
 * Returns the latency in milliseconds below which `fraction` of the samples
 * lie, or null when that rank falls among the missing samples.
 */
export function percentileMs(histogram: HistogramData, fraction: number): number | null {
  const recorded = histogram.counts.reduce((sum, count) => sum + count, 0);
  const total = recorded + histogram.missing;
  if (total === 0) return null;
  const rank = Math.ceil(total * fraction);
  if (rank > recorded) return null;
  let seen = 0;
  for (let i = 0; i < BUCKET_COUNT; i++) {
    seen += histogram.counts[i];
    if (seen >= rank) return Math.min(GROWTH ** i, histogram.maxMicros) / 1000;
  }

  return histogram.maxMicros / 1000;
}
