import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * What a new password must be. Length is what makes a password hard to guess (ANSSI, CNIL
 * délibération 2022-100: 12 characters at least when no other measure is taken; we also slow down
 * guessing and offer a second factor), so no composition rule; but a password found in the lists
 * of leaked passwords is refused, even dressed up with digits or a symbol at its ends.
 */

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

/** The ~49,000 most common leaked passwords (zxcvbn-ts' list), lowercased. */
let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common;
}

/** The forms of a password compared with the list: as typed, and stripped of digits and symbols at its ends. */
export function passwordVariants(password: string): string[] {
  const lower = password.toLowerCase();
  const stripped = lower.replace(/^[\d\W_]+|[\d\W_]+$/gu, '');
  const noSeparators = stripped.replace(/[\s._-]+/g, '');
  return [...new Set([lower, stripped, noSeparators].filter((v) => v.length > 0))];
}

export const isCommonPassword = (password: string): boolean =>
  passwordVariants(password).some((v) => commonPasswords().has(v));

/** The French problem with a new password, or null when it is acceptable. */
export function passwordProblem(password: string, context: { email?: string } = {}): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return `Le mot de passe doit contenir au moins ${PASSWORD_MIN_LENGTH} caractères.`;
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    return `Le mot de passe doit contenir au plus ${PASSWORD_MAX_LENGTH} caractères.`;
  }
  if (new Set(password).size < 4) {
    return 'Ce mot de passe répète trop peu de caractères différents : choisissez une phrase de plusieurs mots.';
  }
  if (isCommonPassword(password)) {
    return 'Ce mot de passe fait partie des mots de passe les plus courants, essayés en premier par les attaquants : choisissez-en un autre.';
  }
  const local = context.email?.split('@')[0]?.toLowerCase() ?? '';
  if (local.length >= 6 && password.toLowerCase().includes(local)) {
    return 'Le mot de passe ne doit pas contenir votre adresse électronique.';
  }
  return null;
}
