import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startTestServer, TEST_ACCOUNTS, TEST_PASSWORD, type TestServer } from '../helpers/app.js';
import { browserTest, expectNoAxeViolations, watchPageProblems, withBrowser } from '../helpers/browser.js';

// Browser journey of the conseil municipal: the secrétaire prepares a séance, sends the
// convocation, records attendance, a proxy and the vote (by keyboard), finalizes the délibération,
// signs and publishes it in the actes back-office; a member opens the personal link; a citizen
// finds the délibération in /conseil-municipal and /actes. Every page passes axe at 1280 and 320 px.

const WIDTHS = [1280, 320];

async function signIn(page: Page, server: TestServer, email: string): Promise<void> {
  await page.goto(`${server.url}/admin/connexion`);
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(`${server.url}/admin`);
}

async function goto(page: Page, url: string, status = 200): Promise<void> {
  const response = await page.goto(url);
  assert.equal(response?.status(), status, `status of ${url}`);
}

async function expectNoHorizontalScroll(page: Page, label: string, width: number): Promise<void> {
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scroll <= width, `${label} scrolls horizontally at ${width} px (${scroll} px wide)`);
}

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

describe('conseil municipal dans chromium', browserTest, () => {
  let server: TestServer;
  let seanceUrl = '';

  before(async () => {
    server = await startTestServer('sqlite');
  });
  after(async () => {
    await server?.close();
  });

  test('la secrétaire prépare, convoque, tient la séance et finalise ; un habitant trouve la délibération', () =>
    withBrowser(
      async ({ browser, page }) => {
        const problems = await watchPageProblems(page);
        await signIn(page, server, TEST_ACCOUNTS.secretaire);
        await page
          .getByRole('navigation', { name: 'Menu de l’administration' })
          .getByRole('link', { name: 'Conseil municipal' })
          .click();
        await page.waitForURL(`${server.url}/admin/conseil`);
        await expectNoAxeViolations(page, '/admin/conseil');

        // Prepare the séance and its ordre du jour.
        await page.getByRole('link', { name: 'Préparer une séance' }).click();
        await page.getByLabel(/^Date/).fill(inDays(12));
        await page.getByLabel(/^Heure/).fill('20:30');
        await page.getByLabel('Président de séance').selectOption({ label: 'Hélène Delattre' });
        await page.getByLabel('Secrétaire de séance').selectOption({ label: 'Lucie Carpentier' });
        await expectNoAxeViolations(page, '/admin/conseil/seances/nouvelle');
        await page.getByRole('button', { name: 'Enregistrer la séance' }).click();
        await page.waitForURL(/\/admin\/conseil\/seances\/\d+\?message=seance$/);
        seanceUrl = page.url().replace(/\?.*$/, '');
        await page.getByLabel(/^Titre/).fill('Achat d’un défibrillateur pour la salle des sports');
        await page
          .getByLabel('Note explicative')
          .fill('La salle des sports accueille 300 licenciés.\n\nUn défibrillateur coûte 1 800 euros.');
        await page.getByRole('button', { name: 'Ajouter le point' }).click();
        await page.getByText('Le point est ajouté à l’ordre du jour.').waitFor();
        await expectNoAxeViolations(page, 'séance en préparation');

        // Convocation: e-mails queued, paper ones listed.
        await page.getByRole('button', { name: 'Envoyer la convocation' }).click();
        await page.getByText('La convocation est envoyée.').waitFor();
        await page.getByText(/Délai respecté/).waitFor();
        await expectNoAxeViolations(page, 'séance convoquée');
        await page.getByRole('link', { name: 'Convocations sur papier à imprimer' }).click();
        await page.getByText('Gérard Petit').first().waitFor();
        await expectNoAxeViolations(page, 'convocations papier');
        await page.goBack();

        // Attendance and a proxy.
        await page.getByRole('link', { name: 'Présences et procurations' }).click();
        await page.getByLabel('Présence de Bernard Dumont').selectOption('absent');
        await page.getByLabel('Présence de Karim Haddad').selectOption('excuse');
        await page.getByRole('button', { name: 'Enregistrer les présences' }).click();
        await page.getByText('Les présences sont enregistrées.').waitFor();
        await page.getByLabel('Membre absent (mandant)').selectOption({ label: 'Karim Haddad' });
        await page.getByLabel('Membre qui reçoit le pouvoir (mandataire)').selectOption({ label: 'Sophie Caron' });
        await page.getByLabel('Le pouvoir écrit et signé a été remis').check();
        await page.getByRole('button', { name: 'Enregistrer la procuration' }).click();
        await page.getByText('La procuration est enregistrée.').waitFor();
        await expectNoAxeViolations(page, 'présences');
        // A second proxy to the same holder is refused in French.
        await page.getByLabel('Membre absent (mandant)').selectOption({ label: 'Bernard Dumont' });
        await page.getByLabel('Membre qui reçoit le pouvoir (mandataire)').selectOption({ label: 'Sophie Caron' });
        await page.getByLabel('Le pouvoir écrit et signé a été remis').check();
        await page.getByRole('button', { name: 'Enregistrer la procuration' }).click();
        await page.getByText('Sophie Caron détient déjà la procuration de Karim Haddad').first().waitFor();
        await expectNoAxeViolations(page, 'procuration refusée');

        // The vote, typed with the keyboard only: 13 present + 1 represented.
        await goto(page, seanceUrl);
        await page.getByRole('link', { name: 'Achat d’un défibrillateur pour la salle des sports' }).click();
        await expectNoAxeViolations(page, 'point avant le vote');
        await page.getByLabel('Pour', { exact: true }).focus();
        await page.keyboard.type('10');
        await page.keyboard.press('Tab');
        await page.keyboard.type('1');
        await page.keyboard.press('Tab');
        await page.keyboard.type('1');
        await page.keyboard.press('Tab');
        await page.keyboard.type('0');
        await page.keyboard.press('Enter');
        await page.getByText('Les voix ne correspondent pas').first().waitFor();
        await expectNoAxeViolations(page, 'vote refusé');
        await page.getByLabel('Pour', { exact: true }).fill('12');
        await page.getByLabel('Pour', { exact: true }).press('Enter');
        await page.getByText('Le vote est enregistré.').waitFor();
        await page
          .getByText(/Adopté/)
          .first()
          .waitFor();
        assert.match(
          await page.getByLabel('Texte de la délibération').inputValue(),
          /Considérant que la salle des sports/,
        );
        await page.getByRole('button', { name: 'Finaliser la délibération' }).click();
        await page
          .getByText(/inscrite au registre des actes sous le n°/)
          .first()
          .waitFor();
        await expectNoAxeViolations(page, 'délibération finalisée');

        // Signed and published in the actes back-office.
        await page.getByRole('link', { name: 'Ouvrir l’acte pour le signer, le publier et le transmettre' }).click();
        await page.getByRole('button', { name: 'Signer l’acte' }).click();
        await page.getByRole('button', { name: 'Publier l’acte' }).click();
        await page.waitForURL(/\/admin\/actes\/\d+/);
        const acteId = /\/admin\/actes\/(\d+)/.exec(page.url())?.[1];
        assert.ok(acteId);

        // The liste des délibérations goes online.
        await goto(page, seanceUrl);
        await page.getByRole('button', { name: 'Publier la liste des délibérations' }).click();
        await page.getByText('La liste des délibérations est publiée sur le site.').waitFor();

        // A member opens the personal link of the convocation.
        const mail = await server.db
          .selectFrom('mail_outbox')
          .select('text_body')
          .where('to_address', '=', 'sophie.caron@elus.bellerive.example')
          .orderBy('id', 'desc')
          .executeTakeFirstOrThrow();
        const link = /\/conseil\/convocation\/[A-Za-z0-9_-]{43}/.exec(mail.text_body)?.[0];
        assert.ok(link);
        const member = await browser.newContext({ locale: 'fr-FR' });
        const memberPage = await member.newPage();
        await goto(memberPage, `${server.url}${link}`);
        await memberPage.getByText('vaut accusé de réception').waitFor();
        await expectNoAxeViolations(memberPage, 'lien personnel de convocation');
        await member.close();
        await page.goto(`${seanceUrl}/convocation`);
        await page
          .getByText(/Lien ouvert le/)
          .first()
          .waitFor();
        await expectNoAxeViolations(page, 'suivi des convocations');

        // A citizen finds it.
        const citizen = await browser.newContext({ locale: 'fr-FR' });
        const cp = await citizen.newPage();
        await goto(cp, `${server.url}/`);
        await cp.getByRole('link', { name: 'Conseil municipal' }).first().click();
        await cp.waitForURL(`${server.url}/conseil-municipal`);
        await expectNoAxeViolations(cp, '/conseil-municipal');
        await cp
          .getByRole('link', { name: /à 20 h 30/ })
          .first()
          .click();
        await cp.getByText('Achat d’un défibrillateur pour la salle des sports').first().waitFor();
        await expectNoAxeViolations(cp, 'séance publique');
        await cp.getByRole('link', { name: /^délibération n°/ }).click();
        await cp.waitForURL(`${server.url}/actes/${acteId}`);
        await cp.getByText('Achat d’un défibrillateur pour la salle des sports').first().waitFor();
        await goto(cp, `${server.url}/actes`);
        await cp.getByText('Achat d’un défibrillateur pour la salle des sports').first().waitFor();
        assert.deepEqual(await citizen.cookies(), []);
        await citizen.close();
        assert.deepEqual(
          problems.list.filter((l) => !/status of (400|409)/.test(l)),
          [],
        );
      },
      { viewport: { width: 1280, height: 900 } },
    ));

  for (const width of WIDTHS) {
    test(`les pages du conseil n’ont aucune violation axe à ${width} px`, () =>
      withBrowser(
        async ({ page }) => {
          await signIn(page, server, TEST_ACCOUNTS.secretaire);
          const seance = await server.db
            .selectFrom('conseil_seance')
            .select('id')
            .orderBy('date', 'asc')
            .executeTakeFirstOrThrow();
          const point = await server.db
            .selectFrom('conseil_point')
            .select('id')
            .where('seance_id', '=', seance.id)
            .executeTakeFirstOrThrow();
          const membre = await server.db.selectFrom('conseil_membre').select('id').executeTakeFirstOrThrow();
          for (const path of [
            '/admin/conseil',
            '/admin/conseil/reglages',
            '/admin/conseil/membres/nouveau',
            `/admin/conseil/membres/${membre.id}`,
            `/admin/conseil/seances/${seance.id}`,
            `/admin/conseil/seances/${seance.id}/presences`,
            `/admin/conseil/seances/${seance.id}/points/${point.id}`,
            `/admin/conseil/seances/${seance.id}/pv`,
            '/conseil-municipal',
            `/conseil-municipal/seances/${seance.id}`,
          ]) {
            await goto(page, `${server.url}${path}`);
            await expectNoAxeViolations(page, `${path} à ${width} px`);
            if (!path.startsWith('/admin')) await expectNoHorizontalScroll(page, path, width);
          }
          // Errors of the member form are announced and linked.
          await goto(page, `${server.url}/admin/conseil/membres/nouveau`);
          await page.getByRole('button', { name: 'Enregistrer' }).click();
          await page.getByText('Le prénom est obligatoire.').first().waitFor();
          await expectNoAxeViolations(page, `membre (erreurs) à ${width} px`);
        },
        { viewport: { width, height: 900 } },
      ));
  }
});
