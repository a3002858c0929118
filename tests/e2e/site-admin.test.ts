import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { startTestServer, TEST_ACCOUNTS, TEST_PASSWORD, type TestServer } from '../helpers/app.js';
import { browserTest, expectNoAxeViolations, watchPageProblems, withBrowser } from '../helpers/browser.js';

// Browser journeys of the site's back-office: pages with the editor, the media library, the
// settings, and the public search. SQLite only.

async function signIn(page: Page, server: TestServer, email: string): Promise<void> {
  await page.goto(`${server.url}/admin/connexion`);
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForLoadState('load');
}

describe('administration du site dans chromium', browserTest, () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer('sqlite');
  });
  after(async () => {
    await server?.close();
  });

  test('la secrétaire écrit une page avec l’éditeur, la publie, et un habitant la trouve par la recherche', () =>
    withBrowser(async ({ page }) => {
      const problems = await watchPageProblems(page);
      await signIn(page, server, TEST_ACCOUNTS.secretaire);
      await page.goto(`${server.url}/admin/pages`);
      await expectNoAxeViolations(page, '/admin/pages');
      await page.goto(`${server.url}/admin/pages/nouvelle`);
      // The editor loads from the site itself, in French, without any CSP refusal.
      await page.waitForSelector('.tox-tinymce', { timeout: 15_000 });
      await page.locator('#champ-title').fill('Cimetière communal');
      await page.getByLabel('Résumé').fill('Concessions, horaires et règlement du cimetière.');
      const frame = page.frameLocator('.tox-edit-area__iframe');
      await frame.locator('body').click();
      await page.keyboard.type('Le cimetière est ouvert tous les jours de 8 h à 18 h.');
      await page.getByLabel('État').selectOption('publie');
      await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
      await page.waitForURL(/\/admin\/pages\/\d+\?message=enregistree/);
      await expectNoAxeViolations(page, 'formulaire de page');
      assert.deepEqual(problems.list, []);

      const citizen = await page.context().browser()?.newContext();
      assert.ok(citizen);
      const reader = await citizen.newPage();
      await reader.goto(`${server.url}/`);
      await reader.getByLabel('Rechercher sur le site').fill('cimetiere');
      await reader.getByRole('button', { name: 'Rechercher' }).click();
      await reader.waitForURL(/\/recherche\?q=cimetiere/);
      await expectNoAxeViolations(reader, '/recherche');
      await reader.locator('.search-results').getByRole('link', { name: 'Cimetière communal' }).click();
      assert.match((await reader.locator('main').textContent()) ?? '', /ouvert tous les jours de 8 h à 18 h/);
      assert.deepEqual(await citizen.cookies(), [], 'a reader gets no cookie');
    }));

  test('la médiathèque et les réglages sont accessibles et une photo ajoutée apparaît', () =>
    withBrowser(async ({ page }) => {
      const problems = await watchPageProblems(page);
      await signIn(page, server, TEST_ACCOUNTS.secretaire);
      await page.goto(`${server.url}/admin/medias`);
      await expectNoAxeViolations(page, '/admin/medias');
      const photo = await sharp({ create: { width: 800, height: 500, channels: 3, background: '#2a6' } })
        .jpeg()
        .toBuffer();
      await page.getByLabel('Fichier').setInputFiles({ name: 'mairie.jpg', mimeType: 'image/jpeg', buffer: photo });
      await page.getByLabel('Texte alternatif (images)').fill('La façade de la mairie');
      await page.getByRole('button', { name: 'Ajouter à la médiathèque' }).click();
      await page.waitForURL(/message=ajoute/);
      assert.equal((await page.locator('.media-card img').count()) >= 1, true);
      await expectNoAxeViolations(page, 'médiathèque avec une image');

      await page.goto(`${server.url}/admin/reglages`);
      await expectNoAxeViolations(page, '/admin/reglages');
      await page.getByLabel('Photo de la page d’accueil').selectOption({ label: 'mairie' });
      await page.getByRole('button', { name: 'Enregistrer les réglages' }).click();
      await page.waitForURL(/message=enregistre/);
      await page.goto(`${server.url}/`);
      assert.equal(await page.locator('img.hero__photo[alt="La façade de la mairie"]').count(), 1);
      await expectNoAxeViolations(page, 'accueil avec photo');
      assert.deepEqual(problems.list, []);
    }));

  test('mon compte et la sécurité de la commune passent axe', () =>
    withBrowser(async ({ page }) => {
      const problems = await watchPageProblems(page);
      await signIn(page, server, TEST_ACCOUNTS.administrateur);
      await page.goto(`${server.url}/admin/compte`);
      await expectNoAxeViolations(page, '/admin/compte');
      await page.getByRole('button', { name: 'Activer la double authentification' }).click();
      await page.locator('img.qr').waitFor();
      await expectNoAxeViolations(page, 'activation de la double authentification');
      await page.goto(`${server.url}/admin/securite`);
      await expectNoAxeViolations(page, '/admin/securite');
      assert.deepEqual(problems.list, []);
    }));
});
