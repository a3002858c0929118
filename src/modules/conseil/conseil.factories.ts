import pino from 'pino';
import { registerTestCommune } from '../../../tests/helpers/communes.js';
import type { Actor, CommuneCtx } from '../../core/context.js';
import type { Commune } from '../../core/tenancy/index.js';
import type { Database } from '../../db/database.js';
import { createMembre, createSeance } from './conseil.service.js';

/** Test factories of the conseil module. */

export const silentLog = pino({ level: 'silent' });
export const secretaire: Actor = {
  kind: 'user',
  userId: 1,
  displayName: 'Claire Secrétaire',
  isOperator: false,
  role: 'secretaire',
};
export const agent: Actor = { kind: 'user', userId: 3, displayName: 'Agent', isOperator: false, role: 'agent' };

export function makeCommune(db: Database, insee: string, nom: string, now: Date, population = 800): Promise<Commune> {
  return registerTestCommune(db, now, insee, nom, { population });
}

export function ctxFor(db: Database, commune: Commune, now: () => Date, actor: Actor = secretaire): CommuneCtx {
  return { db, commune, now, log: silentLog, actor };
}

/** `n` members in office since 2020; the first is the maire; every fourth asks for paper. */
export async function makeMembres(ctx: CommuneCtx, n: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    ids.push(
      await createMembre(ctx, {
        prenom: `Prénom${i + 1}`,
        nom: `Nom${i + 1}`,
        mandat: i === 0 ? 'maire' : i < 3 ? 'adjoint' : 'conseiller',
        rang: i > 0 && i < 3 ? i : null,
        debut: '2020-05-23',
        fin: null,
        email: i % 4 === 3 ? null : `membre${i + 1}@exemple.fr`,
        convocationPapier: i % 4 === 3,
        adresse: i % 4 === 3 ? '1 rue de la Paix' : '',
        dateNaissance: `19${50 + i}-01-01`,
      }),
    );
  }
  return ids;
}

export function makeSeance(ctx: CommuneCtx, date: string, over: Partial<Parameters<typeof createSeance>[1]> = {}) {
  return createSeance(ctx, {
    date,
    heure: '20:00',
    lieu: 'Salle du conseil',
    type: 'ordinaire',
    urgence: false,
    presidentId: null,
    secretaireId: null,
    reconvocationDe: null,
    ...over,
  });
}
