import type { CommuneCtx } from '../../core/context.js';
import { changeCampagneStatut, createCampagne, setObservatoire } from './campagnes.service.js';
import { importReponses } from './import.service.js';
import { EDITION_2026, REFERENCE_EDITION } from './questionnaire.data.js';
import { saveCommuneReponse } from './reponse.service.js';
import { eligibleCommunes } from './sample.js';
import { generateSample, generateValeurs, sampleCsv, seededRandom } from './sample.rules.js';

/** Sizes and seeds of the demo's generated samples (fixed: every demo shows the same figures). */
const PAST = [
  { back: 2, n: 240, seed: 2024 },
  { back: 1, n: 280, seed: 2025 },
] as const;

/**
 * The demo's baromètre: two closed campaigns with a generated sample of real communes (the demo
 * commune answered the last one), the current year's campaign open and not yet answered, and the
 * public observatory open.
 */
export async function seedBarometreDemo(ctx: CommuneCtx): Promise<void> {
  const year = ctx.now().getUTCFullYear();
  const communes = eligibleCommunes().filter((c) => c.code !== ctx.commune.insee);
  for (const past of PAST) {
    const annee = year - past.back;
    await createCampagne(ctx, { annee, edition: REFERENCE_EDITION.edition });
    await changeCampagneStatut(ctx, annee, 'ouvrir');
    const sample = generateSample(REFERENCE_EDITION, communes, past.n, past.seed);
    const outcome = await importReponses(ctx, {
      annee,
      csv: sampleCsv(REFERENCE_EDITION, sample),
      filename: 'echantillon-demo.csv',
    });
    if (!outcome.ok) throw new Error(`demo sample rejected: ${JSON.stringify(outcome.rejets.slice(0, 3))}`);
    if (past.back === 1) {
      const valeurs = generateValeurs(REFERENCE_EDITION, ctx.commune.population, seededRandom(past.seed + 1));
      await saveCommuneReponse(ctx, { annee, valeurs, soumettre: true, prefill: { valeurs: {}, codes: [] } });
    }
    await changeCampagneStatut(ctx, annee, 'clore');
  }
  await createCampagne(ctx, { annee: year, edition: EDITION_2026.edition });
  await changeCampagneStatut(ctx, year, 'ouvrir');
  await setObservatoire(ctx, true);
}
