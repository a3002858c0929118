import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { DiskFileStore } from '../../src/core/files/index.js';
import { findCommuneById } from '../../src/core/tenancy/index.js';
import { runRetention } from '../../src/modules/rgpd/conservation.service.js';
import { ctxFor, insertDemande, insertType } from '../../src/modules/rgpd/rgpd.factories.js';
import { startTestServer, TEST_ACCOUNTS, TEST_PASSWORD, type TestServer } from '../helpers/app.js';
import { browserTest, expectNoAxeViolations, watchPageProblems, withBrowser } from '../helpers/browser.js';

// Data protection in chromium: the public pages call no third party and set no cookie; the
// back-office pages (registre, éliminations, personnes) pass axe at 1280 and 320 px and work with
// the keyboard. SQLite only: engines are covered by the module's own tests.

const WIDTHS = [1280, 320];

async function goto(page: Page, url: string, status = 200): Promise<void> {
  const response = await page.goto(url);
  assert.equal(response?.status(), status, `status of ${url}`);
}

async function signIn(page: Page, server: TestServer, email: string): Promise<void> {
  await page.goto(`${server.url}/admin/connexion`);
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForLoadState('load');
}

/** Presses a key that submits a form, and waits for the page it leads to. */
async function pressAndWait(page: Page, key: string): Promise<void> {
  await Promise.all([page.waitForEvent('framenavigated'), page.keyboard.press(key)]);
  await page.waitForLoadState('load');
}

/** Presses Tab until the focused element matches the CSS selector, or fails. */
async function tabTo(page: Page, selector: string, label: string): Promise<void> {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return;
  }
  assert.fail(`la tabulation n’atteint pas ${label}`);
}

describe('données personnelles dans chromium', browserTest, () => {
  let server: TestServer;
  let bordereauId: number;
  let activityId: number;

  before(async () => {
    server = await startTestServer('sqlite');
    const commune = await findCommuneById(
      server.db,
      (await server.db.selectFrom('commune').select('id').where('is_demo', '=', 1).executeTakeFirstOrThrow()).id,
    );
    assert.ok(commune);
    const now = new Date().toISOString();
    const typeId = await insertType(server.db, commune.id, { slug: 'rgpd-e2e', title: 'Démarche témoin', now });
    const old = { receivedAt: '2024-01-05T09:00:00.000Z', updatedAt: '2024-01-10T09:00:00.000Z' };
    await insertDemande(server.db, commune.id, { typeId, email: 'ancien@exemple.fr', status: 'close', ...old });
    await insertDemande(server.db, commune.id, { typeId, email: 'lea.e2e@exemple.fr', status: 'instruction', ...old });
    await server.db
      .insertInto('alerte_abonne')
      .values({
        commune_id: commune.id,
        email: 'lea.e2e@exemple.fr',
        status: 'confirme',
        created_at: now,
        last_mail_at: now,
        confirmed_at: now,
      })
      .execute();
    await runRetention(ctxFor(server.db, commune, () => new Date(), undefined, new DiskFileStore(server.dataDir)));
    const b = await server.db
      .selectFrom('rgpd_bordereau')
      .select('id')
      .where('statut', '=', 'a_viser')
      .executeTakeFirstOrThrow();
    bordereauId = b.id;
  });
  after(async () => {
    await server?.close();
  });

  test('les pages publiques n’appellent aucun tiers et ne déposent aucun cookie', () =>
    withBrowser(async ({ page, context }) => {
      const origin = new URL(server.url).origin;
      const foreign: string[] = [];
      page.on('request', (r) => {
        const url = new URL(r.url());
        if (url.protocol !== 'data:' && url.origin !== origin) foreign.push(r.url());
      });
      const problems = await watchPageProblems(page);
      await goto(page, `${server.url}/`);
      // The main menu and the footer's links: every public page type a visitor reaches first.
      const links = await page.$$eval('.main-nav a, .site-footer a[href^="/"]', (as) =>
        as.map((a) => a.getAttribute('href') ?? ''),
      );
      const paths = [...new Set(['/', ...links.filter((h) => h.startsWith('/')), '/recherche?q=mairie'])];
      assert.ok(paths.length >= 8, `pages visitées : ${paths.join(', ')}`);
      for (const path of paths) {
        await goto(page, `${server.url}${path}`);
        await page.waitForLoadState('load');
      }
      assert.deepEqual(foreign, [], 'every request goes to the site itself');
      assert.deepEqual(await context.cookies(), [], 'no cookie on public pages');
      assert.deepEqual(problems.list, []);
      // The statement of /donnees-personnelles says so, with the delegate's contact.
      await goto(page, `${server.url}/donnees-personnelles`);
      assert.ok(await page.getByRole('heading', { name: 'Délégué à la protection des données' }).isVisible());
      assert.ok(await page.getByText(/ne dépose aucun cookie/).isVisible());
    }));

  for (const width of WIDTHS) {
    test(`registre, éliminations et droits des personnes n’ont aucune violation axe à ${width} px`, () =>
      withBrowser(
        async ({ page }) => {
          const problems = await watchPageProblems(page);
          await signIn(page, server, TEST_ACCOUNTS.administrateur);
          await goto(page, `${server.url}/admin/rgpd/registre`);
          assert.ok(await page.getByRole('heading', { name: 'Démarche en ligne : Démarche témoin' }).isVisible());
          await expectNoAxeViolations(page, `registre à ${width} px`);
          const href = await page
            .getByRole('link', { name: /Modifier « Démarche en ligne : Démarche témoin »/ })
            .getAttribute('href');
          activityId = Number(href?.split('/').pop());
          await goto(page, `${server.url}/admin/rgpd/registre/${activityId}`);
          await page.getByLabel('Finalité').fill('');
          await page.getByRole('button', { name: 'Enregistrer' }).click();
          assert.ok(await page.getByRole('alert').isVisible(), 'error summary');
          await expectNoAxeViolations(page, `activité en erreur à ${width} px`);
          await goto(page, `${server.url}/admin/rgpd/eliminations`);
          await expectNoAxeViolations(page, `éliminations à ${width} px`);
          await goto(page, `${server.url}/admin/rgpd/eliminations/${bordereauId}`);
          await page.getByRole('button', { name: 'Enregistrer le visa' }).click();
          assert.ok(await page.getByRole('alert').isVisible());
          await expectNoAxeViolations(page, `bordereau à ${width} px`);
          await goto(page, `${server.url}/admin/rgpd/personnes`);
          await expectNoAxeViolations(page, `personnes à ${width} px`);
          await page.getByLabel('Adresse électronique').fill('lea.e2e@exemple.fr');
          await page.getByRole('button', { name: 'Rechercher' }).click();
          assert.ok(await page.getByRole('heading', { name: /Données liées à lea.e2e@exemple.fr/ }).isVisible());
          await expectNoAxeViolations(page, `personne trouvée à ${width} px`);
          // Only the two forms sent with errors on purpose answer 400.
          assert.deepEqual(
            problems.list.map((p) => p.replace(/^console error on https?:\/\/[^/]+/, '')),
            [
              `/admin/rgpd/registre/${activityId}: Failed to load resource: the server responded with a status of 400 (Bad Request)`,
              `/admin/rgpd/eliminations/${bordereauId}/visa: Failed to load resource: the server responded with a status of 400 (Bad Request)`,
            ],
          );
        },
        { viewport: { width, height: 900 } },
      ));
  }

  test('au clavier : rechercher une personne, effacer, enregistrer un visa', () =>
    withBrowser(async ({ page }) => {
      await signIn(page, server, TEST_ACCOUNTS.secretaire);
      await goto(page, `${server.url}/admin/rgpd/personnes`);
      await tabTo(page, '#champ-email', 'le champ d’adresse');
      await page.keyboard.type('lea.e2e@exemple.fr');
      await pressAndWait(page, 'Enter');
      assert.ok(await page.getByRole('rowheader', { name: 'Abonnement aux alertes' }).isVisible());
      await tabTo(page, '#champ-confirme', 'la case de confirmation');
      await page.keyboard.press('Space');
      await tabTo(page, 'form[action="/admin/rgpd/personnes/effacement"] button', 'le bouton d’effacement');
      await pressAndWait(page, 'Enter');
      assert.ok(await page.getByText(/1 élément a été effacé ; 1 élément est conservé/).isVisible());
      assert.ok(
        await page
          .getByText(/en cours d’instruction/)
          .first()
          .isVisible(),
      );

      await goto(page, `${server.url}/admin/rgpd/eliminations/${bordereauId}`);
      // The date picker's segments depend on the browser's locale: the date is filled directly.
      await page.getByLabel('Date du visa').fill('2026-01-05');
      await tabTo(page, '#champ-visa_service', 'le service d’archives');
      await page.keyboard.type('Archives départementales');
      await tabTo(page, '#champ-visa_reference', 'la référence du visa');
      await page.keyboard.type('AD-2026-7');
      await pressAndWait(page, 'Enter');
      assert.ok(await page.getByText(/Le visa est enregistré/).isVisible());
      assert.ok(
        await page.getByText(/Visa du 05\/01\/2026 par Archives départementales, référence AD-2026-7/).isVisible(),
      );
    }));
});
