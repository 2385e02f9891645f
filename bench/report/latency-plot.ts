import type { SystemKind } from '../generator/worker-protocol';
import type { LoadStep } from '../scenarios/message-load';
import type { BenchResults } from './results';
import { median } from './summary';

const WIDTH = 760;
const HEIGHT = 460;
const MARGIN = { left: 70, right: 170, top: 30, bottom: 55 };
const COLORS: Record<SystemKind, string> = {
  platform: '#d62728',
  'ws-relay': '#1f77b4',
  'socketio-relay': '#2ca02c',
  centrifugo: '#9467bd',
};

interface Point {
  rate: number;
  p50: number;
  p99: number;
}

function stepsOf(results: BenchResults, kind: SystemKind): LoadStep[] {
  return [...(results.throughput[kind] ?? []).flatMap((r) => r.steps), ...(results.latency[kind] ?? []).flat()];
}

/** Offered rates at which a p99 was not reached because messages were still undelivered after the drain. */
function overloadedRates(results: BenchResults, kind: SystemKind): number[] {
  return [...new Set(stepsOf(results, kind).filter((step) => step.latency.p99Ms === null).map((step) => step.offeredRate))];
}

/** Median p50 and p99 per offered rate over the throughput steps and latency points of every round; rates with undelivered messages are left out. */
function pointsOf(results: BenchResults, kind: SystemKind): Point[] {
  const byRate = new Map<number, { p50: number[]; p99: number[] }>();
  for (const step of stepsOf(results, kind)) {
    if (step.latency.p50Ms === null || step.latency.p99Ms === null) continue;
    const entry = byRate.get(step.offeredRate) ?? { p50: [], p99: [] };
    entry.p50.push(step.latency.p50Ms);
    entry.p99.push(step.latency.p99Ms);
    byRate.set(step.offeredRate, entry);
  }

  return [...byRate]
    .map(([rate, entry]) => ({ rate, p50: median(entry.p50)!, p99: median(entry.p99)! }))
    .sort((a, b) => a.rate - b.rate);
}

/** Renders p50 (dashed) and p99 (solid) latency against offered load, both axes logarithmic, as an SVG document. */
export function renderLatencyPlot(results: BenchResults): string {
  const series = results.options.systems.map((kind) => ({ kind, points: pointsOf(results, kind), overloaded: overloadedRates(results, kind) }));
  const all = series.flatMap((s) => s.points);
  const rates = [...all.map((p) => p.rate), ...series.flatMap((s) => s.overloaded)];
  const decade = (value: number, round: (x: number) => number) => 10 ** round(Math.log10(value));
  const xMin = decade(Math.min(...rates, 100), Math.floor);
  const xMax = decade(Math.max(...rates, 1000), Math.ceil);
  const yMin = decade(Math.max(0.01, Math.min(...all.map((p) => p.p50), 1)), Math.floor);
  const yMax = decade(Math.max(...all.map((p) => p.p99), 100), Math.ceil);
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (rate: number) => MARGIN.left + (plotWidth * Math.log10(rate / xMin)) / Math.log10(xMax / xMin);
  const y = (ms: number) => MARGIN.top + plotHeight - (plotHeight * Math.log10(ms / yMin)) / Math.log10(yMax / yMin);

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${MARGIN.left}" y="18" font-size="14">Send-to-delivery latency against offered load (${results.mode} run, ${results.startedAt.slice(0, 10)})</text>`,
  ];
  for (let value = xMin; value <= xMax; value *= 10) {
    parts.push(`<line x1="${x(value)}" y1="${MARGIN.top}" x2="${x(value)}" y2="${MARGIN.top + plotHeight}" stroke="#ddd"/>`);
    parts.push(`<text x="${x(value)}" y="${MARGIN.top + plotHeight + 18}" text-anchor="middle">${value.toLocaleString('en-US')}</text>`);
  }
  for (let value = yMin; value <= yMax; value *= 10) {
    parts.push(`<line x1="${MARGIN.left}" y1="${y(value)}" x2="${MARGIN.left + plotWidth}" y2="${y(value)}" stroke="#ddd"/>`);
    parts.push(`<text x="${MARGIN.left - 6}" y="${y(value) + 4}" text-anchor="end">${value.toLocaleString('en-US')}</text>`);
  }
  parts.push(`<text x="${MARGIN.left + plotWidth / 2}" y="${HEIGHT - 12}" text-anchor="middle">offered load (messages/s)</text>`);
  parts.push(`<text transform="translate(16 ${MARGIN.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">latency (ms)</text>`);
  parts.push(`<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="#333"/>`);

  series.forEach(({ kind, points, overloaded }, index) => {
    const color = COLORS[kind];
    for (const rate of overloaded) {
      parts.push(`<text x="${x(rate).toFixed(1)}" y="${MARGIN.top + 12 + index * 10}" text-anchor="middle" fill="${color}">×</text>`);
    }
    for (const [key, dash] of [['p99', ''], ['p50', ' stroke-dasharray="5 4"']] as const) {
      if (points.length === 0) continue;
      const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.rate).toFixed(1)},${y(p[key]).toFixed(1)}`).join(' ');
      parts.push(`<path d="${path}" fill="none" stroke="${color}" stroke-width="2"${dash}/>`);
      for (const p of points) parts.push(`<circle cx="${x(p.rate).toFixed(1)}" cy="${y(p[key]).toFixed(1)}" r="2.5" fill="${color}"/>`);
    }
    const legendY = MARGIN.top + 14 + index * 20;
    parts.push(`<line x1="${WIDTH - MARGIN.right + 12}" y1="${legendY}" x2="${WIDTH - MARGIN.right + 36}" y2="${legendY}" stroke="${color}" stroke-width="2"/>`);
    parts.push(`<text x="${WIDTH - MARGIN.right + 42}" y="${legendY + 4}">${kind}</text>`);
  });
  const noteY = MARGIN.top + 14 + series.length * 20 + 10;
  parts.push(`<text x="${WIDTH - MARGIN.right + 12}" y="${noteY}">solid: p99</text>`);
  parts.push(`<text x="${WIDTH - MARGIN.right + 12}" y="${noteY + 16}">dashed: p50</text>`);
  parts.push(`<text x="${WIDTH - MARGIN.right + 12}" y="${noteY + 32}">× at the top: p99 not</text>`);
  parts.push(`<text x="${WIDTH - MARGIN.right + 12}" y="${noteY + 48}">reached (undelivered)</text>`);
  parts.push('</svg>');

  return `${parts.join('\n')}\n`;
}
