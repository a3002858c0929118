import type { CommuneCtx } from '../../core/context.js';
import { forbidden, invalid } from '../../core/errors.js';
import { bumpContentVersion } from '../../core/http/page-cache.js';
import { TenantScope } from '../../core/tenancy/index.js';
import { canConfigureActes } from './actes.policy.js';
import { modePublicite, type PubliciteMode, SEUIL_CHOIX_PUBLICITE } from './actes.rules.js';
import type { ReglageInput } from './actes.schemas.js';
import { audit } from './actes.service.js';
import { type ActesReglage, findReglage, saveReglage } from './reglage.repo.js';

export interface ActesReglageView extends ActesReglage {
  /** The mode in force (electronic above 3,500 inhabitants or without a choice). */
  modeEnVigueur: PubliciteMode;
  /** Whether the council may choose (L2131-1 IV). */
  choixPossible: boolean;
}

/** The commune's acts settings and the publicity mode in force. */
export async function getActesReglage(ctx: CommuneCtx): Promise<ActesReglageView> {
  if (!canConfigureActes(ctx.actor)) throw forbidden();
  const r = await findReglage(new TenantScope(ctx.db, ctx.commune.id));
  return {
    ...r,
    modeEnVigueur: modePublicite(ctx.commune.population, r.publiciteMode),
    choixPossible: ctx.commune.population < SEUIL_CHOIX_PUBLICITE,
  };
}

/**
 * Records the council's choice of publicity mode (communes < 3,500 inhabitants, CGCT L2131-1 IV)
 * with its délibération, and the @CTES emitter's details.
 */
export async function saveActesReglage(ctx: CommuneCtx, input: ReglageInput): Promise<void> {
  if (!canConfigureActes(ctx.actor)) throw forbidden();
  if (input.publiciteMode !== 'electronique' && ctx.commune.population >= SEUIL_CHOIX_PUBLICITE) {
    const msg = 'Les communes de 3 500 habitants et plus publient leurs actes sous forme électronique.';
    throw invalid(msg, { publiciteMode: msg });
  }
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    await saveReglage(
      scope,
      {
        publiciteMode: input.publiciteMode,
        publiciteDeliberation: input.publiciteDeliberation || null,
        publiciteDeliberationDate: input.publiciteDeliberationDate || null,
        arrondissement: input.arrondissement || null,
        referentNom: input.referentNom || null,
        referentEmail: input.referentEmail || null,
        referentTelephone: input.referentTelephone || null,
      },
      ctx.now().toISOString(),
    );
    await bumpContentVersion(trx, ctx.commune.id);
    await audit(trx, ctx, 'actes.settings_changed', null, {
      publiciteMode: input.publiciteMode,
      deliberation: input.publiciteDeliberation || null,
    });
  });
}
