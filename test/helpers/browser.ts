/**
 * Browser tests with Debian's Chromium through playwright-core (never a downloaded browser): where it
 * is, whether to skip, launching it with the flags this offline machine needs, blocking every request
 * a test does not allow, and collecting console errors.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const haveChromium = existsSync(CHROMIUM);

/** node:test's `skip` option: a reason off CI when Chromium is missing (on CI the test fails instead). */
export const skipWithoutChromium =
  !haveChromium && !process.env.CI
    ? `${CHROMIUM} not found; install it with scripts/ensure-chromium.sh (apt-get install chromium)`
    : false;

/** Launches headless Chromium with a fresh profile under `dir`. */
export async function launchChromium(dir: string, viewport = { width: 1280, height: 800 }): Promise<BrowserContext> {
  assert.ok(haveChromium, `${CHROMIUM} is missing on CI: scripts/ensure-chromium.sh was not run before the tests`);
  return chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport,
  });
}

/** Aborts every request whose URL `allowed` refuses; returns the list of those that were attempted. */
export async function blockRequests(context: BrowserContext, allowed: (url: URL) => boolean): Promise<string[]> {
  const attempted: string[] = [];
  await context.route(
    (url) => !allowed(url),
    (route) => {
      attempted.push(route.request().url());
      return route.abort('blockedbyclient');
    },
  );
  return attempted;
}

/** Collects the page's console errors and uncaught exceptions. */
export function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (msg) => msg.type() === 'error' && problems.push(msg.text()));
  page.on('pageerror', (err) => problems.push(err.message));
  return problems;
}
