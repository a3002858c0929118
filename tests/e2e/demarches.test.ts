import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startTestServer, TEST_ACCOUNTS, TEST_PASSWORD, type TestServer } from '../helpers/app.js';
import { browserTest, expectNoAxeViolations, watchPageProblems, withBrowser } from '../helpers/browser.js';
import { fillContact, fillRequester, PAUL, sendAndWaitForAcknowledgement } from '../helpers/demarches-browser.js';

// A citizen sends a request on a phone, the secrétaire processes it, the citizen sees the answer.
// SQLite only: the engines are covered by the database and HTTP tests.

/** Set DEMARCHES_SCREENSHOTS=/some/dir to keep a picture of every page visited. */
const SHOTS = process.env.DEMARCHES_SCREENSHOTS;

async function check(page: Page, label: string, width: number): Promise<void> {
  await expectNoAxeViolations(page, label);
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scrollWidth <= width, `${label} défile horizontalement (scrollWidth ${scrollWidth})`);
  if (SHOTS)
    await page.screenshot({ path: `${SHOTS}/${label.replace(/[^a-z0-9]+/gi, '-')}-${width}.png`, fullPage: true });
}

describe('parcours des démarches dans chromium', browserTest, () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer('sqlite');
  });
  after(async () => {
    await server?.close();
  });

  test('sur 360 px, un habitant demande un extrait d’acte de naissance et réserve une salle', () =>
    withBrowser(
      async ({ page }) => {
        await page.goto(`${server.url}/demarches/etat-civil`);
        await check(page, 'etat-civil', 360);
        await page.locator('#champ-acte').selectOption('naissance');
        await page.locator('#champ-document').selectOption('extrait_sans_filiation');
        await page.locator('#champ-lien').selectOption('autre');
        await page.locator('#champ-nom_personne').fill('Durand');
        await page.locator('#champ-prenoms_personne').fill('Paul');
        await page.locator('#champ-date_evenement').fill('1990-05-04');
        await page.locator('#champ-lieu_evenement').fill('Bellerive-sur-Lys');
        await fillRequester(page, PAUL);
        await sendAndWaitForAcknowledgement(page);
        assert.match((await page.locator('main').textContent()) ?? '', /réputée acceptée/);

        await page.goto(`${server.url}/demarches/reservation-salle`);
        await check(page, 'reservation', 360);
        await page.locator('#champ-salle').selectOption('salle-des-fetes');
        await page.locator('#champ-date').fill('2027-06-19');
        await page.locator('#champ-creneau').selectOption('soiree');
        await page.locator('#champ-objet').fill('Mariage');
        await page.locator('#champ-personnes').fill('120');
        await fillRequester(page, PAUL);
        await sendAndWaitForAcknowledgement(page);
        await page.goto(`${server.url}/demarches/reservation-salle`);
        assert.match((await page.locator('table').textContent()) ?? '', /19 juin 2027/);
        await page.goto(`${server.url}/demarches/signalement`);
        await check(page, 'signalement', 360);
      },
      { viewport: { width: 360, height: 800 } },
    ));

  test('un habitant écrit depuis un écran de 360 px, la secrétaire répond, l’habitant voit la réponse', async () => {
    let suiviUrl = '';
    await withBrowser(
      async ({ page }) => {
        const problems = await watchPageProblems(page);
        await page.goto(`${server.url}/demarches`);
        await check(page, 'liste', 360);
        await page.getByRole('link', { name: 'Contacter la mairie' }).click();
        await check(page, 'formulaire', 360);
        await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
        await page.waitForLoadState('load');
        assert.match((await page.locator('#erreurs').textContent()) ?? '', /erreurs/);
        await check(page, 'formulaire-erreurs', 360);
        await fillContact(
          page,
          'Ramassage des encombrants',
          'Quand passe le ramassage des encombrants rue des Lilas ?',
        );
        await sendAndWaitForAcknowledgement(page);
        await check(page, 'accuse', 360);
        await page.getByRole('link', { name: 'Suivre ma demande' }).click();
        await page.waitForLoadState('load');
        suiviUrl = page.url();
        await check(page, 'suivi', 360);
        // The invalid submission answers 400 on purpose: chromium logs that status.
        assert.deepEqual(
          problems.list.filter((l) => !/status of 400/.test(l)),
          [],
        );
      },
      { viewport: { width: 360, height: 800 } },
    );

    await withBrowser(async ({ page }) => {
      await page.goto(`${server.url}/admin/connexion`);
      await page.getByLabel('Adresse électronique').fill(TEST_ACCOUNTS.secretaire);
      await page.getByLabel('Mot de passe').fill(TEST_PASSWORD);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.waitForLoadState('load');
      await page.goto(`${server.url}/admin/demandes`);
      await check(page, 'admin-boite', 1280);
      await page
        .getByRole('link', { name: /^\d{4}-\d{6}$/ })
        .first()
        .click();
      await page.waitForLoadState('load');
      assert.match((await page.locator('h1').textContent()) ?? '', /Demande \d{4}-\d{6}/);
      await check(page, 'admin-demande', 1280);
      await page.getByLabel('Nouveau statut').selectOption('complements');
      await page.getByLabel('Motif (envoyé au demandeur)').fill('Précisez le numéro de la rue, s’il vous plaît.');
      await page.getByRole('button', { name: 'Changer le statut' }).click();
      await page.waitForLoadState('load');
      assert.match((await page.locator('.alert--success').textContent()) ?? '', /statut a été changé/);
      await page.goto(`${server.url}/admin/demandes/guichet`);
      await check(page, 'admin-guichet', 1280);
    });

    await withBrowser(
      async ({ page }) => {
        await page.goto(suiviUrl);
        assert.match((await page.locator('.demande-status').textContent()) ?? '', /En attente de compléments/);
        assert.match((await page.locator('.demande-history').textContent()) ?? '', /Précisez le numéro de la rue/);
        await page.getByLabel('Votre message').fill('C’est au numéro 3.');
        await page.getByRole('button', { name: 'Envoyer' }).click();
        await page.waitForLoadState('load');
        assert.match((await page.locator('.demande-status').textContent()) ?? '', /En cours d’instruction/);
        await check(page, 'suivi-reponse', 360);
      },
      { viewport: { width: 360, height: 800 } },
    );
  });
});
