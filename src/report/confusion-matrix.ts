/**
 * The confusion-matrix image written by the reporting step: a fixed-size heatmap as SVG or PNG.
 */
import { confusionHeatmapSvg, type ConfusionCounts } from './charts/confusion-heatmap.ts';
import { svgToPng } from './svg-to-png.ts';

export type { ConfusionCounts };

/** Pixel size of the confusion-matrix SVG and PNG. */
export const CONFUSION_MATRIX_SIZE = { width: 480, height: 400 } as const;

/** Options for the confusion-matrix renderers. */
export interface ConfusionMatrixOptions {
  /** Chart title (default "Confusion matrix"). */
  title?: string;
  /** Shown as the subtitle ("model <id>") when given. */
  modelId?: string;
}

/** Renders `[[tn, fp], [fn, tp]]` as a 480×400 SVG heatmap. */
export function renderConfusionMatrixSvg(
  matrix: ConfusionCounts,
  options: ConfusionMatrixOptions = {},
): Promise<string> {
  return confusionHeatmapSvg(matrix, {
    ...CONFUSION_MATRIX_SIZE,
    title: options.title ?? 'Confusion matrix',
    subtitle: options.modelId === undefined ? undefined : `model ${options.modelId}`,
  });
}

/** Renders `[[tn, fp], [fn, tp]]` as a 480×400 PNG. */
export async function renderConfusionMatrixPng(
  matrix: ConfusionCounts,
  options: ConfusionMatrixOptions = {},
): Promise<Buffer> {
  return svgToPng(await renderConfusionMatrixSvg(matrix, options));
}
