import { createRequire } from 'node:module';
import { trancheOf } from './barometre.stats.js';
import type { SampleCommune } from './sample.rules.js';

const require = createRequire(import.meta.url);

let eligible: SampleCommune[] | undefined;

/**
 * The current communes under 10,000 inhabitants of the official list (@etalab/decoupage-administratif),
 * to draw generated samples from. Loaded once, lazily (several MB).
 */
export function eligibleCommunes(): SampleCommune[] {
  if (!eligible) {
    const list = require('@etalab/decoupage-administratif/data/communes.json') as {
      code: string;
      nom: string;
      type: string;
      population?: number;
    }[];
    eligible = list
      .filter((c) => c.type === 'commune-actuelle' && c.population !== undefined && trancheOf(c.population) !== null)
      .map((c) => ({ code: c.code, nom: c.nom, population: c.population! }));
  }
  return eligible;
}
