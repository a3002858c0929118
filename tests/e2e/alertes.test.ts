import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startTestServer, TEST_ACCOUNTS, TEST_PASSWORD, type TestServer } from '../helpers/app.js';
import { browserTest, expectNoAxeViolations, watchPageProblems, withBrowser } from '../helpers/browser.js';

// Browser journeys of the alerts: the banner (the demo's current alert), /alertes, the e-mail
// subscription, and the back-office list and form. SQLite only: engines are covered elsewhere.

const WIDTHS = [1280, 320];

async function goto(page: Page, url: string, status = 200): Promise<void> {
  const response = await page.goto(url);
  assert.equal(response?.status(), status, `status of ${url}`);
}

async function expectNoHorizontalScroll(page: Page, label: string, width: number): Promise<void> {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scrollWidth <= width, `${label} à ${width} px défile horizontalement (scrollWidth ${scrollWidth})`);
}

async function signIn(page: Page, server: TestServer, email: string): Promise<void> {
  await page.goto(`${server.url}/admin/connexion`);
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForLoadState('load');
}

describe('alertes dans chromium', browserTest, () => {
  let server: TestServer;
  let alerteId: number;

  before(async () => {
    server = await startTestServer('sqlite');
    const row = await server.db
      .selectFrom('alerte')
      .select('id')
      .where('title', '=', 'Coupure d’eau rue des Écoles')
      .executeTakeFirstOrThrow();
    alerteId = row.id;
  });
  after(async () => {
    await server?.close();
  });

  for (const width of WIDTHS) {
    test(`le bandeau, /alertes et l’abonnement n’ont aucune violation axe à ${width} px`, () =>
      withBrowser(
        async ({ page }) => {
          const problems = await watchPageProblems(page);
          for (const path of ['/', '/alertes', `/alertes/${alerteId}`, '/alertes/abonnement']) {
            await goto(page, `${server.url}${path}`);
            const banner = page.getByRole('region', { name: 'Alerte en cours' });
            assert.ok(await banner.isVisible(), `le bandeau est visible sur ${path}`);
            assert.ok(await banner.getByRole('link', { name: /Toutes les alertes/ }).isVisible());
            await expectNoAxeViolations(page, `${path} à ${width} px`);
            await expectNoHorizontalScroll(page, path, width);
          }
          assert.deepEqual(problems.list, []);
        },
        { viewport: { width, height: 900 } },
      ));
  }

  test('au clavier, le bandeau mène à /alertes et le lien d’abonnement au formulaire', () =>
    withBrowser(async ({ page }) => {
      await goto(page, `${server.url}/`);
      let found = false;
      for (let i = 0; i < 30 && !found; i++) {
        await page.keyboard.press('Tab');
        found = await page.evaluate(
          () =>
            document.activeElement?.closest('[aria-label="Alerte en cours"]') !== null &&
            document.activeElement?.getAttribute('href') === '/alertes',
        );
      }
      assert.ok(found, 'la tabulation atteint le lien du bandeau');
      assert.notEqual(
        await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle),
        'none',
      );
      await page.keyboard.press('Enter');
      await page.waitForURL(`${server.url}/alertes`);
      await page.getByRole('link', { name: 'Recevoir les alertes par courriel' }).focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(`${server.url}/alertes/abonnement`);
      await page.getByLabel(/Adresse électronique/).fill('voisin@exemple.fr');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/alertes\/abonnement\?envoye=1$/);
      await page.getByText('Vérifiez votre messagerie.').waitFor();
      await expectNoAxeViolations(page, '/alertes/abonnement?envoye=1');
    }));

  test('une adresse invalide est signalée de façon accessible', () =>
    withBrowser(async ({ page }) => {
      await goto(page, `${server.url}/alertes/abonnement`);
      await page.getByLabel(/Adresse électronique/).fill('pas une adresse');
      await page.getByRole('button', { name: 'M’abonner aux alertes' }).click();
      await page.getByText('L’adresse électronique n’est pas valide').first().waitFor();
      await expectNoAxeViolations(page, '/alertes/abonnement (erreur)');
    }));

  test('un lecteur des pages d’alertes ne reçoit aucun cookie ; le formulaire d’abonnement pose le sien', () =>
    withBrowser(async ({ page, context }) => {
      for (const path of ['/', '/mairie', '/alertes', `/alertes/${alerteId}`]) await goto(page, `${server.url}${path}`);
      assert.deepEqual(await context.cookies(), []);
      await goto(page, `${server.url}/alertes/abonnement`);
      assert.deepEqual(
        (await context.cookies()).map((c) => c.name),
        ['clocher_csrf'],
      );
    }));

  for (const width of WIDTHS) {
    test(`la liste et le formulaire du back-office n’ont aucune violation axe à ${width} px`, () =>
      withBrowser(
        async ({ page }) => {
          const problems = await watchPageProblems(page);
          await signIn(page, server, TEST_ACCOUNTS.secretaire);
          await goto(page, `${server.url}/admin/alertes`);
          await expectNoAxeViolations(page, `/admin/alertes à ${width} px`);
          await expectNoHorizontalScroll(page, '/admin/alertes', width);
          await page.getByRole('link', { name: 'Publier une alerte' }).click();
          await page.waitForURL(`${server.url}/admin/alertes/nouvelle`);
          await expectNoAxeViolations(page, `/admin/alertes/nouvelle à ${width} px`);
          // Invalid: the summary and the fields' messages are accessible too.
          await page.getByLabel(/^Titre/).fill('Essai');
          await page.getByRole('button', { name: 'Publier l’alerte' }).click();
          await page.getByText('Le texte est obligatoire.').first().waitFor();
          await expectNoAxeViolations(page, `/admin/alertes/nouvelle (erreurs) à ${width} px`);
          await goto(page, `${server.url}/admin/alertes/${alerteId}`);
          await expectNoAxeViolations(page, `/admin/alertes/${alerteId} à ${width} px`);
          await expectNoHorizontalScroll(page, `/admin/alertes/${alerteId}`, width);
          await goto(page, `${server.url}/admin/alertes/${alerteId}/suppression`);
          await expectNoAxeViolations(page, `/admin/alertes/${alerteId}/suppression à ${width} px`);
          assert.deepEqual(
            problems.list.filter((l) => !/status of 400/.test(l)),
            [],
          );
        },
        { viewport: { width, height: 900 } },
      ));
  }
});
