import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { MAX_ATTEMPTS } from '../../src/core/mail/index.js';
import { startTestServer, TEST_ACCOUNTS, TEST_PASSWORD, type TestServer } from '../helpers/app.js';
import { browserTest, expectNoAxeViolations, watchPageProblems, withBrowser } from '../helpers/browser.js';
import { fillContact, sendAndWaitForAcknowledgement } from '../helpers/demarches-browser.js';

// A citizen's request gets its accusé de réception (downloaded as a PDF); its mail could not leave
// (the mail server refused it ten times): the secrétaire sees the error and retries it.
// SQLite only: the engines are covered by the database and HTTP tests.

/** Set COURRIELS_SCREENSHOTS=/some/dir to keep a picture of every page checked. */
const SHOTS = process.env.COURRIELS_SCREENSHOTS;

async function check(page: Page, label: string, width: number): Promise<void> {
  await expectNoAxeViolations(page, label);
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scrollWidth <= width, `${label} défile horizontalement (scrollWidth ${scrollWidth})`);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${label}-${width}.png`, fullPage: true });
}

describe('courriels de la commune dans chromium', browserTest, () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer('sqlite');
  });
  after(async () => {
    await server?.close();
  });

  test('l’habitant télécharge son accusé de réception ; la secrétaire relance le courriel en échec', async () => {
    await withBrowser(
      async ({ page }) => {
        const problems = await watchPageProblems(page);
        await page.goto(`${server.url}/demarches/contact`);
        await fillContact(page, 'Ramassage des encombrants', 'Quand passe le ramassage des encombrants ?');
        await sendAndWaitForAcknowledgement(page);
        await check(page, 'accuse', 360);
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('link', { name: 'Télécharger l’accusé de réception (PDF)' }).click(),
        ]);
        assert.match(download.suggestedFilename(), /^accuse-reception-\d{4}-\d{6}\.pdf$/);
        const file = await download.path();
        assert.equal(fs.readFileSync(file).subarray(0, 5).toString(), '%PDF-');
        assert.deepEqual(problems.list, []);
      },
      { viewport: { width: 360, height: 800 } },
    );

    await server.db
      .updateTable('mail_outbox')
      .set({
        status: 'failed',
        attempts: MAX_ATTEMPTS,
        last_error: '550 5.1.1 <lea.martin@exemple.fr>: adresse inconnue',
      })
      .where('to_address', '=', 'lea.martin@exemple.fr')
      .execute();

    await withBrowser(async ({ page }) => {
      const problems = await watchPageProblems(page);
      await page.goto(`${server.url}/admin/connexion`);
      await page.getByLabel('Adresse électronique').fill(TEST_ACCOUNTS.secretaire);
      await page.getByLabel('Mot de passe').fill(TEST_PASSWORD);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.waitForLoadState('load');
      await page.getByRole('link', { name: 'Courriels', exact: true }).first().click();
      await page.waitForLoadState('load');
      assert.match((await page.locator('h1').textContent()) ?? '', /Courriels envoyés/);
      await check(page, 'courriels', 1280);
      await page.getByLabel('Statut').selectOption('failed');
      await page.getByRole('button', { name: 'Filtrer' }).click();
      await page.waitForLoadState('load');
      const table = (await page.locator('table').textContent()) ?? '';
      assert.match(table, /adresse inconnue/);
      assert.match(table, /accuse-reception-\d{4}-\d{6}\.pdf/);
      await check(page, 'courriels-echec', 1280);
      await page.getByRole('button', { name: /^Relancer le courriel/ }).click();
      await page.waitForLoadState('load');
      assert.match((await page.locator('.alert--success').textContent()) ?? '', /remis en file d’envoi/);
      await check(page, 'courriels-relance', 1280);
      const row = await server.db
        .selectFrom('mail_outbox')
        .select('status')
        .where('to_address', '=', 'lea.martin@exemple.fr')
        .executeTakeFirstOrThrow();
      assert.equal(row.status, 'pending');
      assert.deepEqual(problems.list, []);
    });
  });
});
