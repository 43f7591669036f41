/**
 * The start of the service's own pages (the dashboard, the sign-in page) up to </head>: charset,
 * viewport, their Content-Security-Policy also in a <meta> (the header adds frame-ancestors), no
 * favicon request, the title and the shared stylesheet.
 */
import { escapeHtml as esc } from '../report/escape-html.ts';
import { DASHBOARD_CSS } from './page-style.ts';

/** The document's start for a page titled `title` under policy `csp`; `extra` goes before the title (whole lines). */
export function pageHead(title: string, csp: string, extra = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<link rel="icon" href="data:,">
${extra}<title>${esc(title)}</title>
<style>${DASHBOARD_CSS}</style>
</head>`;
}
