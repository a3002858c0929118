import type { TenantScope } from '../../core/tenancy/index.js';
import type { PubliciteMode } from './actes.rules.js';

export interface ActesReglage {
  /** The council's choice (communes < 3,500), null when it has not chosen. */
  publiciteMode: PubliciteMode | null;
  publiciteDeliberation: string | null;
  publiciteDeliberationDate: string | null;
  arrondissement: string | null;
  referentNom: string | null;
  referentEmail: string | null;
  referentTelephone: string | null;
}

export const DEFAULT_REGLAGE: ActesReglage = {
  publiciteMode: null,
  publiciteDeliberation: null,
  publiciteDeliberationDate: null,
  arrondissement: null,
  referentNom: null,
  referentEmail: null,
  referentTelephone: null,
};

export async function findReglage(scope: TenantScope): Promise<ActesReglage> {
  const r = await scope
    .selectFrom('acte_reglage')
    .select([
      'publicite_mode',
      'publicite_deliberation',
      'publicite_deliberation_date',
      'arrondissement',
      'referent_nom',
      'referent_email',
      'referent_telephone',
    ])
    .executeTakeFirst();
  if (!r) return DEFAULT_REGLAGE;
  return {
    publiciteMode: r.publicite_mode as PubliciteMode,
    publiciteDeliberation: r.publicite_deliberation,
    publiciteDeliberationDate: r.publicite_deliberation_date,
    arrondissement: r.arrondissement,
    referentNom: r.referent_nom,
    referentEmail: r.referent_email,
    referentTelephone: r.referent_telephone,
  };
}

export async function saveReglage(scope: TenantScope, r: ActesReglage & { publiciteMode: PubliciteMode }, now: string) {
  const values = {
    publicite_mode: r.publiciteMode,
    publicite_deliberation: r.publiciteDeliberation,
    publicite_deliberation_date: r.publiciteDeliberationDate,
    arrondissement: r.arrondissement,
    referent_nom: r.referentNom,
    referent_email: r.referentEmail,
    referent_telephone: r.referentTelephone,
    updated_at: now,
  };
  const updated = await scope.updateTable('acte_reglage').set(values).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) await scope.insertInto('acte_reglage', values).execute();
}
