import { z } from 'zod';
import { ROLES } from '../../core/auth/index.js';
import { checkbox, emailField, requiredText } from '../../core/http/fields.js';

export const signInSchema = z.object({
  email: z
    .string({ message: 'L’adresse électronique est obligatoire.' })
    .trim()
    .min(1, {
      message: 'L’adresse électronique est obligatoire.',
    })
    .max(254, { message: 'L’adresse électronique est trop longue.' }),
  password: z
    .string({ message: 'Le mot de passe est obligatoire.' })
    .min(1, { message: 'Le mot de passe est obligatoire.' })
    .max(200, { message: 'Le mot de passe est trop long.' }),
  retour: z.string().max(500).optional(),
});

const roleField = z.enum(ROLES, { message: 'Choisissez un rôle dans la liste.' });

export const inviteSchema = z.object({
  displayName: requiredText('Le nom', 120),
  email: emailField,
  role: roleField,
});

export const memberSchema = z.object({
  displayName: requiredText('Le nom', 120),
  role: roleField,
  active: checkbox,
});

export const choosePasswordSchema = z
  .object({
    password: z
      .string({ message: 'Le mot de passe est obligatoire.' })
      .min(1, { message: 'Le mot de passe est obligatoire.' }),
    confirmation: z.string({ message: 'Confirmez le mot de passe.' }),
  })
  .refine((v) => v.password === v.confirmation, {
    path: ['confirmation'],
    message: 'Les deux mots de passe ne sont pas identiques.',
  });

/** Only a path of this site may be a destination after sign-in (no open redirect). */
export function safeReturnPath(value: string | undefined): string | undefined {
  if (!value) return undefined;
  return /^\/(admin|plateforme)(\/[^\\\s]*)?$/.test(value) && !value.startsWith('//') ? value : undefined;
}
