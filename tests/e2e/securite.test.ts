import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startTestServer, TEST_ACCOUNTS, TEST_PASSWORD, type TestServer } from '../helpers/app.js';
import { browserTest, expectNoAxeViolations, watchPageProblems, withBrowser } from '../helpers/browser.js';

// Passkeys with Chromium's virtual authenticator (CDP WebAuthn domain), and the new security pages
// checked by axe. The site is reached as http://localhost:<port>: an IP address cannot be a
// WebAuthn relying party, localhost can (and is a secure context).

async function signIn(page: Page, origin: string, email: string): Promise<void> {
  await page.goto(`${origin}/admin/connexion`);
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForLoadState('load');
}

describe('sécurité dans chromium', browserTest, () => {
  let server: TestServer;
  let origin: string;
  before(async () => {
    server = await startTestServer('sqlite');
    origin = server.url.replace('127.0.0.1', 'localhost');
  });
  after(async () => {
    await server?.close();
  });

  test('une clé d’accès s’enregistre depuis « Mon compte » et sert de second facteur à la connexion', () =>
    withBrowser(async ({ context, page }) => {
      const problems = await watchPageProblems(page);
      const cdp = await context.newCDPSession(page);
      await cdp.send('WebAuthn.enable');
      const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
        options: {
          protocol: 'ctap2',
          transport: 'internal',
          hasResidentKey: true,
          hasUserVerification: true,
          isUserVerified: true,
        },
      });

      await signIn(page, origin, TEST_ACCOUNTS.secretaire);
      await page.goto(`${origin}/admin/compte`);
      await page.getByRole('button', { name: 'Enregistrer une clé d’accès' }).waitFor();
      await expectNoAxeViolations(page, 'Mon compte');
      await page.getByLabel('Nom de la clé (pour la reconnaître)').fill('Ordinateur de la mairie');
      await page.getByRole('button', { name: 'Enregistrer une clé d’accès' }).click();
      await page.waitForURL(/message=cle-ajoutee/);
      assert.match((await page.locator('main').textContent()) ?? '', /Ordinateur de la mairie/);
      const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
      assert.equal(credentials.length, 1);
      await expectNoAxeViolations(page, 'Mon compte avec une clé');

      await page.getByRole('button', { name: 'Se déconnecter' }).click();
      await page.waitForURL(/\/admin\/connexion/);
      await signIn(page, origin, TEST_ACCOUNTS.secretaire);
      assert.match(page.url(), /\/admin\/connexion\/code/);
      await page.getByRole('button', { name: 'Utiliser ma clé d’accès' }).waitFor();
      await expectNoAxeViolations(page, 'second facteur avec clé');
      await page.getByRole('button', { name: 'Utiliser ma clé d’accès' }).click();
      await page.waitForURL(`${origin}/admin`);
      assert.match((await page.locator('h1').textContent()) ?? '', /Tableau de bord|Bellerive/);
      const used = await server.db
        .selectFrom('webauthn_credential')
        .select(['counter', 'last_used_at', 'rp_id'])
        .executeTakeFirstOrThrow();
      assert.equal(used.rp_id, 'localhost');
      assert.notEqual(used.last_used_at, null);

      // The passkey also confirms one's identity before a sensitive action.
      await server.db
        .updateTable('user_session')
        .set({ created_at: new Date(Date.now() - 3600_000).toISOString(), reauthenticated_at: null })
        .execute();
      const download = page.waitForEvent('download');
      await page.goto(`${origin}/admin/demandes`);
      await page.evaluate((url) => window.location.assign(url), `${origin}/admin/demandes/export.csv`);
      await page.waitForURL(/\/admin\/reauthentification/);
      await expectNoAxeViolations(page, 'confirmation d’identité');
      await page.getByRole('button', { name: 'Confirmer avec ma clé d’accès' }).click();
      assert.equal((await download).suggestedFilename(), 'demandes.csv');
      assert.deepEqual(problems.list, []);
    }));

  test('journal, règles de sécurité et console de la plateforme sans violation axe', () =>
    withBrowser(async ({ page }) => {
      const problems = await watchPageProblems(page);
      await signIn(page, origin, TEST_ACCOUNTS.administrateur);
      for (const path of [
        '/admin/journal',
        '/admin/journal?action=auth.&du=2020-01-01',
        '/admin/securite',
        '/admin/securite/regles',
      ]) {
        const res = await page.goto(`${origin}${path}`);
        assert.equal(res?.status(), 200, path);
        await expectNoAxeViolations(page, path);
      }
      await page.getByLabel('Délai pour l’activer (en jours)').fill('500');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.waitForLoadState('load');
      await expectNoAxeViolations(page, 'règles avec erreur');
      assert.match((await page.locator('#erreurs').textContent()) ?? '', /entre 0 et 90/);

      await page.getByRole('button', { name: 'Se déconnecter' }).click();
      await signIn(page, origin, TEST_ACCOUNTS.operateur);
      const res = await page.goto(`${origin}/plateforme/securite`);
      assert.equal(res?.status(), 200);
      await expectNoAxeViolations(page, '/plateforme/securite');
      // The refused form answers 400, which chromium logs: that one is expected.
      assert.deepEqual(
        problems.list.filter((l) => !/regles: Failed to load resource: .* 400/.test(l)),
        [],
      );
    }));
});
