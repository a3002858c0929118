import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startTestServer, TEST_ACCOUNTS, TEST_PASSWORD, type TestServer } from '../helpers/app.js';
import { browserTest, expectNoAxeViolations, watchPageProblems, withBrowser } from '../helpers/browser.js';

// The WordPress import form in chromium: accessible, keyboard usable, and its report. SQLite only.

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/wordpress');
const SHOTS = process.env.CLOCHER_SCREENSHOTS;

describe('import WordPress dans chromium', browserTest, () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer('sqlite');
  });
  after(async () => {
    await server?.close();
  });

  for (const width of [1280, 360]) {
    test(`la secrétaire importe un site au clavier et lit le bilan, sans violation axe, à ${width} px`, () =>
      withBrowser(
        async ({ page }) => {
          const problems = await watchPageProblems(page);
          await page.goto(`${server.url}/admin/connexion`);
          await page.getByLabel('Adresse électronique').fill(TEST_ACCOUNTS.secretaire);
          await page.getByLabel('Mot de passe').fill(TEST_PASSWORD);
          await page.getByRole('button', { name: 'Se connecter' }).click();
          await page.waitForLoadState('load');
          await page.goto(`${server.url}/admin/import-wordpress`);
          await expectNoAxeViolations(page, `/admin/import-wordpress à ${width} px`);
          await page.getByRole('button', { name: 'Importer' }).press('Enter');
          await page.waitForLoadState('load');
          assert.match(
            String(await page.locator('#erreurs').textContent()),
            /Choisissez le fichier d’export WordPress/,
          );
          await expectNoAxeViolations(page, `erreur de l’import à ${width} px`);
          await page.getByLabel('Export WordPress').setInputFiles(path.join(FIXTURES, 'export.xml'));
          await page.getByLabel('Archive des fichiers').setInputFiles(path.join(FIXTURES, 'uploads.zip'));
          await page.getByLabel('Archive des fichiers').focus();
          await page.keyboard.press('Tab');
          await page.keyboard.press('Enter');
          await page.waitForSelector('#bilan');
          assert.match(String(await page.locator('table').textContent()), /Actualités/);
          await expectNoAxeViolations(page, `bilan de l’import à ${width} px`);
          const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
          assert.ok(scrollWidth <= width, `le bilan défile horizontalement à ${width} px (${scrollWidth})`);
          if (SHOTS) await page.screenshot({ path: `${SHOTS}/import-wordpress-${width}.png`, fullPage: true });
          // The empty form was answered 400 on purpose.
          assert.deepEqual(
            problems.list.filter((l) => !/status of 400/.test(l)),
            [],
          );
        },
        { viewport: { width, height: 900 } },
      ));
  }
});
