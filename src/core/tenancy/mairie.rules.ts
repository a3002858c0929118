import type { AccessibiliteInfo, Fermeture } from './commune.js';

/** Pure rules of what the commune says of its mairie. */

/** The closure in force on a day (YYYY-MM-DD), if any. */
export const closureOn = (fermetures: Fermeture[] | undefined, day: string): Fermeture | undefined =>
  fermetures?.find((f) => f.du <= day && day <= f.au);

/** « Accessibilité : totalement / partiellement / non conforme » (RGAA): only an audit counts. */
export function conformityMention(
  a: AccessibiliteInfo | undefined,
): 'totalement conforme' | 'partiellement conforme' | 'non conforme' {
  const rate = a?.dateAudit ? a.tauxConformite : undefined;
  if (rate === undefined) return 'non conforme';
  if (rate >= 100) return 'totalement conforme';
  return rate >= 50 ? 'partiellement conforme' : 'non conforme';
}
