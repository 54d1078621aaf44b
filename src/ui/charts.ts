/**
 * Charts as plain markup: heat map levels as CSS classes (the page's Content-Security-Policy
 * allows no inline styles), histograms and stacked bars as SVG with presentation attributes.
 * Every chart carries its numbers as text too (titles, labels), for screen readers and for tests.
 */
import { count } from './format.js';
import { html, type SafeHtml } from './html.js';

export const HEAT_LEVELS = 6;

/**
 * A count's level in its column, 1..6 on a log scale up to the column's largest, so a column of
 * 1–5 records and one of 1–500 both spread over the whole ramp. 0 is a gap, its own class.
 */
export function heatLevel(value: number, max: number): number {
  if (value <= 0) return 0;
  if (max <= 1) return HEAT_LEVELS;
  return Math.max(1, Math.min(HEAT_LEVELS, Math.ceil((HEAT_LEVELS * Math.log1p(value)) / Math.log1p(max))));
}

export function heatClass(value: number, max: number): string {
  const level = heatLevel(value, max);
  return level === 0 ? 'heat gap' : `heat h${level}`;
}

export function heatLegend(): SafeHtml {
  const steps = Array.from({ length: HEAT_LEVELS }, (_, i) => html`<span class="heat h${i + 1}"></span>`);
  return html`<div class="legend" aria-hidden="true"><span class="legend-label">Fewer</span>${steps}<span class="legend-label">More</span><span class="heat gap legend-gap">0</span><span class="legend-label">A gap</span></div>`;
}

export interface Bar {
  label: string;
  value: number;
  /** Extra words for the bar's tooltip. */
  note?: string;
}

/** Vertical bars with their counts above and labels below; the tallest bar sets the scale. */
export function histogram(bars: readonly Bar[], options: { title: string; unit: string }): SafeHtml {
  const width = 640;
  const height = 220;
  const top = 22;
  const bottom = 34;
  const gap = 14;
  const slot = bars.length > 0 ? (width - gap) / bars.length : width;
  const barWidth = Math.max(8, slot - gap);
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const plot = height - top - bottom;
  const rects = bars.map((bar, index) => {
    const h = bar.value === 0 ? 0 : Math.max(2, Math.round((bar.value / max) * plot));
    const x = Math.round(gap + index * slot);
    const y = top + plot - h;
    const tip = `${bar.label}: ${count(bar.value)} ${options.unit}${bar.note ? ` (${bar.note})` : ''}`;
    return html`<g class="bar" data-label="${bar.label}" data-value="${bar.value}">
      <title>${tip}</title>
      <rect x="${x}" y="${y}" width="${Math.round(barWidth)}" height="${h}" rx="3"></rect>
      <text class="bar-value" x="${x + barWidth / 2}" y="${y - 6}" text-anchor="middle">${count(bar.value)}</text>
      <text class="bar-label" x="${x + barWidth / 2}" y="${height - bottom + 18}" text-anchor="middle">${bar.label}</text>
    </g>`;
  });
  return html`<svg class="chart histogram" viewBox="0 0 ${width} ${height}" role="img" aria-label="${options.title}" preserveAspectRatio="xMidYMid meet">
    <line class="axis" x1="0" x2="${width}" y1="${top + plot}" y2="${top + plot}"></line>
    ${rects}
  </svg>`;
}

export interface StackSegment {
  /** Which series: 0..n-1, styled by class `s<i>`. */
  series: number;
  value: number;
}

/** One horizontal stacked bar, scaled against `max` so several rows compare. */
export function stackedBar(segments: readonly StackSegment[], max: number, label: string): SafeHtml {
  const width = 320;
  const height = 14;
  let x = 0;
  const parts = segments
    .filter((segment) => segment.value > 0)
    .map((segment) => {
      const w = Math.max(2, (segment.value / Math.max(1, max)) * width);
      const part = html`<rect class="s${segment.series}" x="${x.toFixed(1)}" y="0" width="${w.toFixed(1)}" height="${height}"></rect>`;
      x += w;
      return part;
    });
  return html`<svg class="chart stack" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${label}" preserveAspectRatio="none"><title>${label}</title>${parts}</svg>`;
}
