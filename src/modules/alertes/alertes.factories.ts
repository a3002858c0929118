import pino from 'pino';
import { registerTestCommune } from '../../../tests/helpers/communes.js';
import type { Actor, CommuneCtx } from '../../core/context.js';
import type { Commune } from '../../core/tenancy/index.js';
import type { Database } from '../../db/database.js';
import type { AlerteInput } from './alertes.schemas.js';

/** Test factories of the alerts module (used by its *.db.test.ts and *.http.test.ts files). */

export const silentLog = pino({ level: 'silent' });

/** The jobs and the demo act as the system; an élu may not manage alerts (refused before any write). */
export const testActor: Actor = { kind: 'system', label: 'test' };
export const elu: Actor = { kind: 'user', userId: 999_999, displayName: 'Élu', isOperator: false, role: 'elu' };

/** A commune with no host, for isolation tests. */
export function makeCommune(db: Database, insee: string, nom: string, now: Date): Promise<Commune> {
  return registerTestCommune(db, now, insee, nom, { population: 500 });
}

export function communeCtxFor(db: Database, commune: Commune, now: () => Date, actor: Actor = testActor): CommuneCtx {
  return { db, commune, now, log: silentLog, actor };
}

const HOUR = 3_600_000;

/** An alert from `from` to `to` hours after `now`. */
export function alerteInput(now: Date, from: number, to: number, over: Partial<AlerteInput> = {}): AlerteInput {
  return {
    kind: 'coupure_eau',
    severity: 'vigilance',
    title: 'Coupure d’eau rue des Écoles',
    body: 'Réparation d’une canalisation.',
    startsAt: new Date(now.getTime() + from * HOUR),
    endsAt: new Date(now.getTime() + to * HOUR),
    ...over,
  };
}

/** The mails queued for a commune, oldest first. */
export function outbox(db: Database, communeId: number) {
  return db
    .selectFrom('mail_outbox')
    .select(['id', 'to_address', 'subject', 'text_body', 'headers'])
    .where('commune_id', '=', communeId)
    .orderBy('id')
    .execute();
}

/** The token of a link of a mail's text: `confirmer` or `desabonnement`. */
export function linkToken(text: string, kind: 'confirmer' | 'desabonnement'): string {
  const m = new RegExp(`/alertes/(?:abonnement/)?${kind}/([A-Za-z0-9_-]+)`).exec(text);
  if (!m?.[1]) throw new Error(`no ${kind} link in: ${text}`);
  return m[1];
}
