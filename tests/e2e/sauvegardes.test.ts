import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import pino from 'pino';
import { recordRun } from '../../src/core/backup/index.js';
import { startTestServer, TEST_ACCOUNTS, TEST_PASSWORD, type TestServer } from '../helpers/app.js';
import { browserTest, expectNoAxeViolations, withBrowser } from '../helpers/browser.js';

// The backups block of the dashboard and the backup line of /admin/securite, in chromium with axe.
// Set CLOCHER_SCREENSHOTS to a folder to keep screenshots of them.

describe('sauvegardes dans le back-office (chromium)', browserTest, () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer('sqlite');
    const at = new Date(Date.now() - 60 * 3600_000);
    const deps = { db: server.db, log: pino({ level: 'silent' }), actor: { kind: 'system', label: 'test' } as const };
    await recordRun(deps, { kind: 'backup', name: 'clocher-x', startedAt: at, finishedAt: at, size: 1, detail: 'd' });
  });
  after(async () => {
    await server?.close();
  });

  test('le tableau de bord alerte sans sauvegarde récente, sans violation axe', () =>
    withBrowser(async ({ page }) => {
      await page.goto(`${server.url}/admin/connexion`);
      await page.getByLabel('Adresse électronique').fill(TEST_ACCOUNTS.secretaire);
      await page.getByLabel('Mot de passe').fill(TEST_PASSWORD);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.waitForLoadState('load');
      await page.goto(`${server.url}/admin`);
      const block = page.getByRole('region', { name: 'Sauvegardes' });
      assert.match((await block.textContent()) ?? '', /Aucune sauvegarde réussie depuis 60 heures/);
      await expectNoAxeViolations(page, '/admin avec le bloc des sauvegardes');
      const shots = process.env.CLOCHER_SCREENSHOTS;
      if (shots) await page.screenshot({ path: path.join(shots, 'dashboard-sauvegardes.png'), fullPage: true });
      await page.goto(`${server.url}/admin/securite`);
      await expectNoAxeViolations(page, '/admin/securite');
      if (shots) await page.screenshot({ path: path.join(shots, 'securite-sauvegardes.png'), fullPage: true });
    }));
});
