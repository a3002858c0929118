import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';

/**
 * Browser journeys: Debian's chromium driven by playwright-core, one fresh context per test, and
 * axe for accessibility. scripts/run-tests.mjs sets CLOCHER_TEST_NO_BROWSER=1 when chromium is
 * missing outside CI; in CI it refuses to run instead, so browser tests are never skipped there.
 */

export const CHROMIUM_PATH = process.env.CLOCHER_CHROMIUM ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** False when the test runner found no chromium: browser tests are then skipped. */
export function browserAvailable(): boolean {
  return process.env.CLOCHER_TEST_NO_BROWSER !== '1';
}

/** The `skip` option of a browser test: `test('…', browserTest, async () => …)`. */
export const browserTest: { skip: string | false } = {
  skip: browserAvailable() ? false : 'chromium not installed',
};

export interface BrowserSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
}

/** Runs fn with a fresh chromium, context and page; everything is closed afterwards, even on failure. */
export async function withBrowser<T>(
  fn: (session: BrowserSession) => Promise<T>,
  contextOptions: BrowserContextOptions = {},
): Promise<T> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ locale: 'fr-FR', ...contextOptions });
    const page = await context.newPage();
    return await fn({ browser, context, page });
  } finally {
    await browser.close();
  }
}

export interface PageProblems {
  /** Console errors, uncaught exceptions and CSP violations seen so far, one line each. */
  readonly list: string[];
}

/**
 * Records what a page should never show: console errors (chromium logs blocked resources and CSP
 * refusals there), uncaught exceptions, and `securitypolicyviolation` events. Call before the first goto.
 */
export async function watchPageProblems(page: Page): Promise<PageProblems> {
  const list: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') list.push(`console error on ${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => list.push(`uncaught exception on ${page.url()}: ${error.message}`));
  await page.exposeBinding('__clocherCspViolation', ({ frame }, text: string) => {
    list.push(`CSP violation on ${frame.url()}: ${text}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __clocherCspViolation: (text: string) => void }).__clocherCspViolation;
      report(`${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'}`);
    });
  });
  return { list };
}

/** Fails with a readable list when axe finds a WCAG 2.1 A/AA violation on the page as it is now. */
export async function expectNoAxeViolations(page: Page, label = page.url()): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  if (results.violations.length === 0) return;
  const lines = results.violations.map((v) => {
    const targets = v.nodes.map((n) => `      ${n.target.map(String).join(' ')}`).join('\n');
    return `  - ${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n    ${v.helpUrl}\n${targets}`;
  });
  throw new Error(`axe found ${results.violations.length} violation(s) on ${label}:\n${lines.join('\n')}`);
}
