/**
 * Text widths for headless vega. Without a canvas, vega guesses 0.8 em per character, which makes
 * labels look twice as wide as they are and leaves gaps around axes and legends. This installs
 * DejaVu Sans advance widths (the font sans-serif resolves to on Debian, in Chromium and in resvg),
 * through vega's documented hook for user-defined text metrics.
 */
import type * as Vega from 'vega';

/** Advance widths of ASCII 32..126 in thousandths of an em, regular and bold (DejaVu Sans). */
const REGULAR = [
  318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636, 636, 636,
  636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863,
  748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635,
  615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636,
  337, 636, 838,
];
const BOLD = [
  348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696, 696, 696, 696, 696,
  696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 372, 775, 637, 995,
  837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593, 716,
  678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712,
  365, 712, 838,
];
/** Width assumed for characters outside ASCII (wide enough for most Latin and symbol glyphs). */
const OTHER = 800;

/** The text item fields vega passes to a width function. */
interface TextItem {
  fontSize?: number;
  fontWeight?: string | number;
}

/** Width in pixels of one line of text as DejaVu Sans would set it. */
export function textWidth(text: string, fontSize: number, bold: boolean): number {
  const table = bold ? BOLD : REGULAR;
  let thousandths = 0;
  for (const ch of text) thousandths += table[(ch.codePointAt(0) ?? 0) - 32] ?? OTHER;
  return (thousandths / 1000) * fontSize;
}

function itemWidth(item: TextItem, text: unknown): number {
  const weight = item.fontWeight;
  const bold = weight === 'bold' || weight === 'bolder' || Number(weight) >= 600;
  return textWidth(String(text ?? '').trim(), item.fontSize ?? 11, bold);
}

/** Makes vega measure text with the DejaVu Sans widths (idempotent; vega keeps one global setting). */
export function installTextMetrics(vega: typeof Vega): void {
  (vega as unknown as { textMetrics: { width: typeof itemWidth } }).textMetrics.width = itemWidth;
}
