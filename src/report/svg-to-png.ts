/**
 * SVG string -> PNG bytes with resvg (a prebuilt native binary, no browser). Text needs system fonts;
 * the generic families map to DejaVu, which Debian ships in fonts-dejavu-core. Without any font the
 * PNG is still valid, only its text is missing.
 */
import { lazyRequire } from '../lazy-require.ts';

const resvg = lazyRequire<typeof import('@resvg/resvg-js')>('@resvg/resvg-js');

/** The family generic names (sans-serif, serif, ...) resolve to; installed by fonts-dejavu-core. */
export const PNG_FONT_FAMILY = 'DejaVu Sans';

/** Options for {@link svgToPng}. */
export interface SvgToPngOptions {
  /** Load the machine's fonts (default true); false renders shapes only, for font-less machines. */
  loadSystemFonts?: boolean;
}

/** Renders an SVG string to a PNG at the SVG's own width and height, on a white background. */
export function svgToPng(svg: string, options: SvgToPngOptions = {}): Buffer {
  const renderer = new (resvg().Resvg)(svg, {
    background: 'white',
    font: {
      loadSystemFonts: options.loadSystemFonts ?? true,
      defaultFontFamily: PNG_FONT_FAMILY,
      sansSerifFamily: PNG_FONT_FAMILY,
      serifFamily: 'DejaVu Serif',
      monospaceFamily: 'DejaVu Sans Mono',
    },
  });
  return renderer.render().asPng();
}
