import type { MailInput } from '../../core/mail/index.js';
import type { Commune } from '../../core/tenancy/index.js';
import { formatPeriod } from './alertes.format.js';
import type { Alerte } from './alertes.repo.js';
import { CONFIRMATION_DAYS, KIND_LABELS, SEVERITY_LABELS } from './alertes.rules.js';

/** The mails of the alerts service: plain text, each with its one-click unsubscribe link. */

export const confirmUrl = (baseUrl: string, token: string) => `${baseUrl}/alertes/abonnement/confirmer/${token}`;
export const unsubscribeUrl = (baseUrl: string, token: string) => `${baseUrl}/alertes/desabonnement/${token}`;

/** RFC 2369 + RFC 8058: mail clients show an unsubscribe button that POSTs to the link. */
function unsubscribeHeaders(url: string): Record<string, string> {
  return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

const footer = (commune: Commune, unsubscribe: string) =>
  `\n--\nMairie de ${commune.nom}\nPour ne plus recevoir les alertes de la commune par courriel, ouvrez ce lien :\n${unsubscribe}\n`;

export function confirmationMail(
  commune: Commune,
  to: string,
  links: { baseUrl: string; confirmToken: string; unsubscribeToken: string },
): MailInput {
  const unsubscribe = unsubscribeUrl(links.baseUrl, links.unsubscribeToken);
  return {
    communeId: commune.id,
    to,
    subject: `Confirmez votre abonnement aux alertes de ${commune.nom}`,
    text:
      `Bonjour,\n\nVous avez demandé à recevoir par courriel les alertes de la commune de ${commune.nom} ` +
      `(coupures d’eau, routes barrées, alertes météo…).\n\n` +
      `Pour confirmer votre abonnement, ouvrez ce lien puis cliquez sur le bouton « Confirmer mon abonnement » ` +
      `(lien valable ${CONFIRMATION_DAYS} jours, une seule fois) :\n${confirmUrl(links.baseUrl, links.confirmToken)}\n\n` +
      `Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : sans confirmation, votre adresse ` +
      `sera effacée dans ${CONFIRMATION_DAYS} jours.\n${footer(commune, unsubscribe)}`,
    headers: unsubscribeHeaders(unsubscribe),
  };
}

/** Sent instead of a confirmation when the address is already subscribed: the page says the same. */
export function alreadySubscribedMail(
  commune: Commune,
  to: string,
  links: { baseUrl: string; unsubscribeToken: string },
): MailInput {
  const unsubscribe = unsubscribeUrl(links.baseUrl, links.unsubscribeToken);
  return {
    communeId: commune.id,
    to,
    subject: `Votre abonnement aux alertes de ${commune.nom}`,
    text:
      `Bonjour,\n\nUne demande d’abonnement aux alertes de la commune de ${commune.nom} vient d’être faite ` +
      `avec votre adresse. Vous êtes déjà abonné(e) : vous n’avez rien à faire.\n${footer(commune, unsubscribe)}`,
    headers: unsubscribeHeaders(unsubscribe),
  };
}

export function alerteMail(
  commune: Commune,
  alerte: Alerte,
  to: string,
  links: { baseUrl: string; unsubscribeToken: string },
): MailInput {
  const unsubscribe = unsubscribeUrl(links.baseUrl, links.unsubscribeToken);
  const level = SEVERITY_LABELS[alerte.severity];
  return {
    communeId: commune.id,
    to,
    subject: `[${level}] ${alerte.title} – ${commune.nom}`,
    text:
      `${level} – ${KIND_LABELS[alerte.kind]}\n${alerte.title}\n\n${alerte.body}\n\n` +
      `Période : ${formatPeriod(alerte.startsAt, alerte.endsAt)} (heure de Paris).\n\n` +
      `Détails de l’alerte : ${links.baseUrl}/alertes/${alerte.id}\n${footer(commune, unsubscribe)}`,
    headers: unsubscribeHeaders(unsubscribe),
  };
}
