import type { Page } from 'playwright-core';

/** A requester, as the identity block of every démarche asks for one. */
export interface Requester {
  prenom: string;
  nom: string;
  email: string;
  adresse: string;
}

export const LEA: Requester = {
  prenom: 'Léa',
  nom: 'Martin',
  email: 'lea.martin@exemple.fr',
  adresse: '3 rue des Lilas, 62000 Bellerive-sur-Lys',
};

export const PAUL: Requester = {
  prenom: 'Paul',
  nom: 'Durand',
  email: 'paul.durand@exemple.fr',
  adresse: '8 rue du Marais, 62000 Bellerive-sur-Lys',
};

/** Fills the requester's identity, the block every démarche form ends with. */
export async function fillRequester(page: Page, who: Requester): Promise<void> {
  await page.locator('#champ-prenom').fill(who.prenom);
  await page.locator('#champ-nom').fill(who.nom);
  await page.locator('#champ-email').fill(who.email);
  await page.locator('#champ-adresse').fill(who.adresse);
}

/** Fills « Contacter la mairie » (on its page) with a question from `who`. */
export async function fillContact(page: Page, objet: string, question: string, who: Requester = LEA): Promise<void> {
  await page.getByLabel('Objet de votre message').fill(objet);
  await page.getByLabel('Votre question').fill(question);
  await fillRequester(page, who);
}

/** Sends the démarche form and waits for the acknowledgement page. */
export async function sendAndWaitForAcknowledgement(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
  await page.waitForLoadState('load');
  await page.getByText('Accusé d’enregistrement').waitFor();
}
