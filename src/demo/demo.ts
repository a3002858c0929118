import fs from 'node:fs';
import path from 'node:path';
import { createUser, grantRole, type Role } from '../core/auth/index.js';
import type { PlatformCtx } from '../core/context.js';
import { randomToken } from '../core/crypto.js';
import type { FileStore } from '../core/files/index.js';
import { countCommunes, registerCommune } from '../core/tenancy/index.js';
import { seedActesDemo } from '../modules/actes/index.js';
import { seedActualitesDemo } from '../modules/actualites/index.js';
import { seedAgendaDemo } from '../modules/agenda/index.js';
import { seedAlertesDemo } from '../modules/alertes/index.js';
import { seedBarometreDemo } from '../modules/barometre/index.js';
import { seedCantineDemo } from '../modules/cantine/index.js';
import { seedConseilDemo } from '../modules/conseil/index.js';
import { seedDemarchesDemo } from '../modules/demarches/index.js';
import { plainTextToHtml, savePage } from '../modules/site/index.js';
import { DEMO_PAGES, type DemoPage } from './demo-pages.js';
import { seedDemoPhotos } from './demo-photos.js';

/** The demo platform: one fictional village, with one account per role. */

export const DEMO_DOMAIN = 'bellerive-sur-lys.test';

export const DEMO_ACCOUNTS: { email: string; name: string; role: Role | 'operateur' }[] = [
  { email: `admin@${DEMO_DOMAIN}`, name: 'Alain Martin', role: 'administrateur' },
  { email: `secretaire@${DEMO_DOMAIN}`, name: 'Nathalie Dupont', role: 'secretaire' },
  { email: `maire@${DEMO_DOMAIN}`, name: 'Claire Delattre', role: 'elu' },
  { email: `agent@${DEMO_DOMAIN}`, name: 'Julien Lemaire', role: 'agent' },
  { email: `operateur@${DEMO_DOMAIN}`, name: 'Opérateur de la plateforme', role: 'operateur' },
];

/**
 * The demo accounts' password: CLOCHER_DEMO_PASSWORD, or one generated at the first start and
 * kept in the data dir (so that a second start can print it again).
 */
export function demoPassword(configured: string | undefined, dataDir: string): string {
  if (configured) return configured;
  const file = path.join(dataDir, 'demo-password');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(dataDir, { recursive: true });
    const generated = `demo-${randomToken(9)}`;
    fs.writeFileSync(file, `${generated}\n`, { mode: 0o600 });
    return generated;
  }
}

/** Seeds the demo into an empty database; returns false (and touches nothing) when it is not empty. */
export async function seedDemo(ctx: PlatformCtx & { files?: FileStore }, password: string): Promise<boolean> {
  if ((await countCommunes(ctx.db)) > 0) return false;
  const commune = await registerCommune(ctx, {
    insee: '62998',
    nom: 'Bellerive-sur-Lys',
    slug: 'bellerive-sur-lys',
    population: 2043,
    departement: '62',
    siren: '216299800',
    siret: '21629980000013',
    epci: { siren: '200099994', nom: 'Communauté de communes des Rives de la Lys', type: 'CC' },
    info: {
      adresse: '1, place de l’Église',
      codePostal: '62350',
      telephone: '03 21 00 00 00',
      email: `mairie@${DEMO_DOMAIN}`,
      dpo: `Délégué à la protection des données mutualisé (centre de gestion) : dpo@${DEMO_DOMAIN}`,
      horaires: {
        '1': [
          { opens: '08:30', closes: '12:00' },
          { opens: '14:00', closes: '17:30' },
        ],
        '2': [{ opens: '08:30', closes: '12:00' }],
        '3': [
          { opens: '08:30', closes: '12:00' },
          { opens: '14:00', closes: '17:30' },
        ],
        '4': [{ opens: '08:30', closes: '12:00' }],
        '5': [
          { opens: '08:30', closes: '12:00' },
          { opens: '14:00', closes: '16:30' },
        ],
        '6': [{ opens: '09:00', closes: '11:30' }],
      },
    },
    theme: { primaryColor: '#1f5f8b' },
    isDemo: true,
    // The demo keeps the local addresses even when other communes are added next to it.
    hosts: ['localhost', '127.0.0.1'],
  });
  for (const account of DEMO_ACCOUNTS) {
    const userId = await createUser(ctx, {
      email: account.email,
      displayName: account.name,
      password,
      isOperator: account.role === 'operateur',
    });
    if (account.role !== 'operateur') await grantRole({ ...ctx, commune }, userId, account.role);
  }
  const communeCtx = { ...ctx, commune };
  const insertTree = async (pages: DemoPage[], parentId: number | null) => {
    for (const [position, p] of pages.entries()) {
      const id = await savePage(communeCtx, null, {
        parentId,
        slug: p.slug,
        title: p.title,
        summary: p.summary,
        body: plainTextToHtml(p.body),
        position,
        status: 'publie',
        publishAt: null,
      });
      if (p.children) await insertTree(p.children, id);
    }
  };
  await insertTree(DEMO_PAGES, null);
  await seedActualitesDemo({ ...ctx, commune });
  if (ctx.files) await seedDemoPhotos({ ...ctx, commune, files: ctx.files });
  await seedAgendaDemo({ ...ctx, commune });
  await seedAlertesDemo({ ...ctx, commune });
  await seedCantineDemo({ ...ctx, commune });
  await seedBarometreDemo({ ...ctx, commune });
  await seedDemarchesDemo({ ...ctx, commune });
  await seedConseilDemo({ ...ctx, commune });
  if (ctx.files) await seedActesDemo({ ...ctx, commune, files: ctx.files });
  return true;
}
