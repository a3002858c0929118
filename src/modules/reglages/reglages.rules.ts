/** Pure rules of the commune's settings: colour contrast (WCAG 2.1). */

const channel = (c: number) => {
  const v = c / 255;
  return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
};

/** Relative luminance of "#rrggbb". */
export function luminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

/** Contrast ratio of two colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

export const isHexColor = (v: string): boolean => /^#[0-9a-f]{6}$/i.test(v);

/**
 * The French problem with a primary colour, or null. The colour carries white text (menu,
 * buttons) and is the colour of links on white: both need 4.5:1 (WCAG 1.4.3, AA).
 */
export function colorProblem(hex: string): string | null {
  if (!isHexColor(hex)) return 'La couleur s’écrit #rrggbb, par exemple #1f5f8b.';
  const ratio = contrastRatio(hex, '#ffffff');
  if (ratio < 4.5) {
    return `Cette couleur est trop claire : le texte blanc dessus n’a qu’un contraste de ${ratio.toFixed(2).replace('.', ',')}:1, il faut au moins 4,5:1. Choisissez une teinte plus foncée.`;
  }
  return null;
}

/** A darker shade of the colour (hover states), by mixing with black. */
export function darker(hex: string, amount = 0.25): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const mix = (c: number) => Math.round(c * (1 - amount));
  return `#${[(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => mix(c).toString(16).padStart(2, '0')).join('')}`;
}
