/** Addresses (slugs) of content items: "Repas des aînés" → "repas-des-aines". Pure. */

export const SLUG_MAX_LENGTH = 80;
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The slug of a title: lowercase ASCII words joined by dashes, cut on a word, "" if nothing is left. */
export function slugFromTitle(title: string): string {
  const words = title
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/[œŒ]/g, 'oe')
    .replace(/[æÆ]/g, 'ae')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = '';
  for (const w of words) {
    const next = slug ? `${slug}-${w}` : w;
    if (next.length > SLUG_MAX_LENGTH) return slug || w.slice(0, SLUG_MAX_LENGTH);
    slug = next;
  }
  return slug;
}

/** `base`, or the first of base-2, base-3… not in `taken` (kept within the maximum length). */
export function uniqueSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const head = base.slice(0, SLUG_MAX_LENGTH - suffix.length).replace(/-+$/, '');
    const candidate = `${head}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** The French problem with a slug typed by hand, or null. */
export function slugProblem(slug: string): string | null {
  if (slug.length > SLUG_MAX_LENGTH) return `L’adresse ne doit pas dépasser ${SLUG_MAX_LENGTH} caractères.`;
  if (!SLUG_PATTERN.test(slug)) {
    return 'L’adresse ne peut contenir que des lettres minuscules sans accent, des chiffres et des tirets (exemple : repas-des-aines).';
  }
  return null;
}
