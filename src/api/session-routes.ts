/**
 * Signing a browser in and out (auth/sessions.ts). GET /signin shows a form for a token; POST /session
 * (a form, or JSON `{"token": ...}`) checks the token and answers with the session cookie: HttpOnly
 * (no script reads it), SameSite=Strict (no other site's page sends it), Path=/, Max-Age of
 * server.session_hours, and Secure when the request came over https (directly, or through a proxy
 * saying X-Forwarded-Proto: https); a form is sent on to the dashboard. POST /session/end ends the
 * session and clears the cookie. `viewerOf` tells the dashboard who is looking.
 */
import type { IncomingMessage } from 'node:http';
import express, { type Express, type Request, type Response } from 'express';
import { readCookie, SESSION_COOKIE } from '../auth/sessions.ts';
import { tokenHash } from '../auth/token-store.ts';
import { type Viewer, renderSignInPage, SIGN_IN_CSP } from '../dashboard/render-session.ts';
import type { AccessPolicy } from './access.ts';
import { holderOf, sessionOf } from './request-holder.ts';
import { pageCsp } from './security-headers.ts';

/** Whether the request came over https (the cookie is then Secure). */
function overHttps(req: Request): boolean {
  return req.secure || String(req.headers['x-forwarded-proto'] ?? '').toLowerCase() === 'https';
}

/** A Set-Cookie value for the session cookie holding `value` for `maxAgeSeconds` (0: cleared). */
function sessionCookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${value}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

/** Who is looking at a page of this server. */
export function viewerOf(req: IncomingMessage, policy: AccessPolicy): Viewer {
  const holder = holderOf(req);
  const session = sessionOf(req);
  return {
    signedIn: holder && session ? { name: holder.name, role: holder.role } : null,
    csrf: session ? policy.sessions.csrfToken(session.id) : '',
    canAct: holder ? holder.role === 'admin' : !policy.tokens.enabled,
  };
}

/** Registers GET /signin, POST /session and POST /session/end on `app`. */
export function registerSessionRoutes(app: Express, policy: AccessPolicy): void {
  const signInPage = (res: Response, status: number, error: string | null) =>
    res
      .status(status)
      .set({ 'content-security-policy': pageCsp(SIGN_IN_CSP), 'referrer-policy': 'no-referrer' })
      .type('text/html')
      .send(renderSignInPage(error));

  app.get('/signin', (_req: Request, res: Response) => {
    if (!policy.tokens.enabled) res.redirect(303, '/dashboard');
    else signInPage(res, 200, null);
  });

  app.post(
    '/session',
    express.urlencoded({ extended: false, limit: 4096, parameterLimit: 5 }),
    (req: Request, res: Response) => {
      const form = req.is('application/x-www-form-urlencoded') !== false;
      const token: unknown = (req.body as Record<string, unknown> | undefined)?.token;
      const holder = typeof token === 'string' && token.length <= 200 ? policy.tokens.lookup(token.trim()) : null;
      if (!holder) {
        const error = 'That token is not valid (unknown or revoked).';
        if (form) signInPage(res, 401, error);
        else res.status(401).json({ error });
        return;
      }
      const { session, cookie } = policy.sessions.issue(holder.name, tokenHash(String(token).trim()).slice(0, 16));
      res.set('set-cookie', sessionCookie(cookie, Math.floor(policy.sessions.lifetimeMs / 1000), overHttps(req)));
      if (form) res.redirect(303, '/dashboard');
      else res.json({ name: holder.name, role: holder.role, expires_at: new Date(session.expiresAt).toISOString() });
    },
  );

  app.post('/session/end', (req: Request, res: Response) => {
    const session = policy.sessions.verify(readCookie(req.headers.cookie, SESSION_COOKIE) ?? '');
    if (session) policy.sessions.end(session);
    res.set('set-cookie', sessionCookie('', 0, overHttps(req))).redirect(303, '/signin');
  });
}
