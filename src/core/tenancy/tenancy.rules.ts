/** Pure rules about communes: identifiers and names. */

/** "Saint-Étienne-du-Bois" → "saint-etienne-du-bois". */
export function slugify(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/[œŒ]/g, 'oe')
    .replace(/[æÆ]/g, 'ae')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

/** INSEE code of a commune: 2 digits (or 2A/2B) + 3 digits, or 97x + 2 digits overseas. */
export function isInseeCode(code: string): boolean {
  return /^(?:\d{2}|2[AB])\d{3}$/.test(code) && code !== '00000';
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let n = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
  }
  return sum % 10 === 0;
}

export const isSiren = (s: string): boolean => /^\d{9}$/.test(s) && luhnValid(s);

/** SIRET = SIREN + 5-digit NIC, Luhn over the 14 digits. */
export const isSiret = (s: string): boolean => /^\d{14}$/.test(s) && luhnValid(s);

/** Host header → bare lowercase host name (port and trailing dot removed). */
export function normalizeHost(host: string | undefined): string {
  if (!host) return '';
  const h = host.trim().toLowerCase();
  const bare = h.startsWith('[') ? h.slice(0, h.indexOf(']') + 1) : (h.split(':')[0] ?? '');
  return bare.replace(/\.$/, '');
}

/** Is a host name acceptable for a commune (letters, digits, dots, dashes)? */
export function isHostName(host: string): boolean {
  return /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/.test(host);
}
