/**
 * Headers every answer carries: `X-Content-Type-Options: nosniff` (a browser never guesses a type,
 * so a JSON answer holding markup is never rendered as a page) and `Cache-Control: no-store` (answers
 * hold model and data details: no shared or browser cache keeps them); HTML pages add their CSP, with
 * `frame-ancestors 'none'` so no other page can frame them.
 */
import type { NextFunction, Request, Response } from 'express';

/** The headers of every answer. */
export const COMMON_HEADERS = { 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' } as const;

/** The CSP of a drift report page (it has no script). */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'";

/** The CSP header of a page whose own policy is `csp` (also in its <meta>, where frame-ancestors is ignored). */
export function pageCsp(csp: string): string {
  return `${csp}; frame-ancestors 'none'`;
}

/** Express middleware setting COMMON_HEADERS before any route answers. */
export function commonHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.set(COMMON_HEADERS);
  next();
}
