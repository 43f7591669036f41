/**
 * Vega-Lite spec -> SVG string, headless: compile with vega-lite, run a vega View with no renderer
 * and serialise with View.toSVG(). No browser and no canvas package are involved. vega and vega-lite
 * are imported on the first render (together ~0.3 s to load), not by every command that reaches here.
 */
import type { TopLevelSpec } from 'vega-lite';
import { escapeHtml } from '../escape-html.ts';
import { installTextMetrics } from './text-metrics.ts';

/**
 * Renders a Vega-Lite spec to an SVG string. `label` becomes the chart's accessible name: a
 * `<title>` element and `role="img"` with `aria-label` on the root `<svg>`.
 */
export async function vegaLiteToSvg(spec: TopLevelSpec, label: string): Promise<string> {
  const [vega, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  installTextMetrics(vega);
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    const name = escapeHtml(label);
    return svg.replace(
      /^<svg\b([^>]*)>/,
      (_tag, attrs: string) => `<svg${attrs} role="img" aria-label="${name}"><title>${name}</title>`,
    );
  } finally {
    view.finalize();
  }
}
