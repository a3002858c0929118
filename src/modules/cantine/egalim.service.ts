import type { CommuneCtx } from '../../core/context.js';
import { invalid } from '../../core/errors.js';
import { TenantScope } from '../../core/tenancy/index.js';
import { recordChange } from './cantine.changes.js';
import { assertCanManageCantine } from './cantine.policy.js';
import * as repo from './cantine.repo.js';
import type { EgalimAmounts } from './egalim.rules.js';
import { parisToday } from './semaine.rules.js';

export type { EgalimYear } from './cantine.repo.js';

/** The years entered, latest first. */
export async function listEgalimYears(ctx: CommuneCtx): Promise<repo.EgalimYear[]> {
  assertCanManageCantine(ctx.actor);
  return repo.listEgalim(new TenantScope(ctx.db, ctx.commune.id));
}

/** Enters (or corrects) the purchases of a year; the year may not be in the future. */
export async function saveEgalimYear(ctx: CommuneCtx, annee: number, amounts: EgalimAmounts): Promise<void> {
  assertCanManageCantine(ctx.actor);
  const thisYear = Number(parisToday(ctx.now()).slice(0, 4));
  if (annee > thisYear) {
    const message = `L’année ne peut pas dépasser ${thisYear} : les parts se calculent sur les achats faits.`;
    throw invalid(message, { annee: message });
  }
  await ctx.db.transaction().execute(async (trx) => {
    const existed = await repo.saveEgalimYear(
      new TenantScope(trx, ctx.commune.id),
      annee,
      amounts,
      ctx.now().toISOString(),
    );
    await recordChange(trx, ctx, {
      action: existed ? 'cantine.egalim_updated' : 'cantine.egalim_created',
      objectType: 'cantine_egalim',
      objectId: annee,
      details: { ...amounts },
    });
  });
}
