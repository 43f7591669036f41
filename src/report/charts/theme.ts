/**
 * The shared look of every chart: one generic font family (no network fonts), a small palette that
 * stays readable for colour-blind readers, and the Vega-Lite config that applies them.
 */
import type { Config } from 'vega-lite';

/** Generic family only, so SVGs render offline (browsers and resvg map it to an installed font). */
export const FONT_FAMILY = 'sans-serif';

/** Named colours used across charts. */
export const PALETTE = {
  reference: '#94a3b8',
  current: '#2563eb',
  text: '#1f2937',
  muted: '#6b7280',
  grid: '#e5e7eb',
  heatLow: '#eff6ff',
  heatHigh: '#1e40af',
} as const;

/** Vega-Lite config shared by all charts: white background, quiet axes, readable text sizes. */
export const CHART_CONFIG: Config = {
  font: FONT_FAMILY,
  background: 'white',
  padding: 8,
  view: { stroke: null },
  axis: {
    labelColor: PALETTE.text,
    titleColor: PALETTE.text,
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: 'normal',
    gridColor: PALETTE.grid,
    domainColor: PALETTE.muted,
    tickColor: PALETTE.muted,
  },
  legend: { labelFontSize: 12, labelColor: PALETTE.text, symbolType: 'square', title: null },
  title: {
    color: PALETTE.text,
    fontSize: 15,
    fontWeight: 'bold',
    subtitleColor: PALETTE.muted,
    subtitleFontSize: 12,
    anchor: 'start',
  },
};
