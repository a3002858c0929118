import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import pino from 'pino';
import { updateCheckJobs } from '../../src/modules/securite/index.js';
import { startTestServer, TEST_ACCOUNTS, TEST_PASSWORD, type TestServer } from '../helpers/app.js';
import { browserTest, expectNoAxeViolations, withBrowser } from '../helpers/browser.js';

// The platform block of /admin/securite with a pending security update, in chromium with axe.
// Set CLOCHER_SCREENSHOTS to a folder to keep a screenshot of it.

describe('mise à jour de la plateforme signalée à la commune (chromium)', browserTest, () => {
  let feed: http.Server;
  let server: TestServer;

  before(async () => {
    feed = http.createServer((_req, res) => {
      const releases = [{ version: '99.0.0', security: true, url: 'https://clocher.example/versions/99.0.0' }];
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ releases }));
    });
    await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/releases.json`;
    server = await startTestServer('sqlite', { env: { CLOCHER_UPDATE_FEED: url } });
    for (const job of updateCheckJobs(server.app.deps.config)) {
      await job.handler({ db: server.db, now: () => new Date(), log: pino({ level: 'silent' }), slot: new Date() });
    }
  });
  after(async () => {
    await server?.close();
    await new Promise((resolve) => feed.close(resolve));
  });

  test('la page sécurité annonce le correctif à demander à l’hébergeur, sans violation axe', () =>
    withBrowser(async ({ page }) => {
      await page.goto(`${server.url}/admin/connexion`);
      await page.getByLabel('Adresse électronique').fill(TEST_ACCOUNTS.secretaire);
      await page.getByLabel('Mot de passe').fill(TEST_PASSWORD);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.waitForLoadState('load');
      await page.goto(`${server.url}/admin/securite`);
      const block = page.getByRole('region', { name: 'La plateforme' });
      const text = (await block.textContent()) ?? '';
      assert.match(text, /Version installée : \d+\.\d+\.\d+/);
      assert.match(text, /Mise à jour disponible : 99\.0\.0 \(correctif de sécurité\)/);
      assert.ok(await block.getByRole('link', { name: 'Ce que change la version 99.0.0' }).isVisible());
      await expectNoAxeViolations(page, '/admin/securite avec une mise à jour de sécurité');
      const shots = process.env.CLOCHER_SCREENSHOTS;
      if (shots) await page.screenshot({ path: path.join(shots, 'securite-mise-a-jour.png'), fullPage: true });
    }));
});
