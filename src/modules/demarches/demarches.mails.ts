import type { MailInput } from '../../core/mail/index.js';
import type { Commune } from '../../core/tenancy/index.js';
import type { DemarcheSettings } from './demarches.builtins.js';
import { STATUS_LABELS, type Status } from './demarches.rules.js';

// Built once: creating an Intl formatter costs far more than formatting with it.
const DATE = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });
const DATE_TIME = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });

const frDate = (isoDate: string): string => DATE.format(new Date(`${isoDate}T00:00:00Z`));

const frDateTime = (at: string): string => DATE_TIME.format(new Date(at));

export { frDate, frDateTime };

/** The mentions of the accusé de réception (CRPA R112-11-1), as lines of text. */
export function accuseMentions(a: {
  receivedAt: string;
  settings: DemarcheSettings;
  decisionDue: string | null;
}): string[] {
  const s = a.settings.service;
  const lines = [
    `Date de réception : ${frDateTime(a.receivedAt)}.`,
    `Service chargé du dossier : ${s.nom}${s.adresse ? `, ${s.adresse}` : ''}${s.email ? `, ${s.email}` : ''}${
      s.telephone ? `, téléphone ${s.telephone}` : ''
    }.`,
  ];
  if (a.settings.silence === 'aucune' || a.decisionDue === null) {
    lines.push('Cette demande ne donne pas lieu à une décision implicite.');
  } else if (a.settings.silence === 'acceptation') {
    lines.push(
      `Sous réserve que votre dossier soit complet, en l’absence de réponse de la mairie au ${frDate(a.decisionDue)}, votre demande sera réputée acceptée. Vous pourrez alors obtenir, sur simple demande, une attestation de cette décision implicite (article L232-3 du code des relations entre le public et l’administration).`,
    );
  } else {
    lines.push(
      `Sous réserve que votre dossier soit complet, en l’absence de réponse de la mairie au ${frDate(a.decisionDue)}, votre demande sera réputée rejetée. Vous pourrez contester cette décision implicite par un recours gracieux auprès du maire ou un recours contentieux devant le tribunal administratif dans un délai de deux mois.`,
    );
  }
  return lines;
}

interface DemandeMailData {
  commune: Commune;
  email: string;
  reference: string;
  typeTitle: string;
  suiviUrl: string;
}

/** The acknowledgement mail: accusé d'enregistrement and de réception with their mentions. */
export function accuseMail(
  d: DemandeMailData & { receivedAt: string; settings: DemarcheSettings; decisionDue: string | null },
): MailInput {
  const text = [
    'Bonjour,',
    '',
    `La mairie de ${d.commune.nom} a bien enregistré votre demande « ${d.typeTitle} » sous la référence ${d.reference}.`,
    '',
    'Accusé de réception',
    ...accuseMentions(d),
    '',
    'L’accusé de réception est joint à ce courriel (PDF) ; vous pouvez aussi le télécharger depuis la page de suivi.',
    '',
    `Suivre votre demande : ${d.suiviUrl}`,
    'Gardez ce lien : il donne accès à votre demande.',
    '',
    `La mairie de ${d.commune.nom}`,
  ].join('\n');
  return {
    communeId: d.commune.id,
    to: d.email,
    subject: `Votre demande ${d.reference} a bien été reçue`,
    text,
  };
}

/** A status change or a message of the mairie, mailed to the citizen. */
export function updateMail(d: Omit<DemandeMailData, 'suiviUrl'> & { status?: Status; message: string }): MailInput {
  const head = d.status
    ? `Votre demande ${d.reference} est désormais : ${STATUS_LABELS[d.status]}.`
    : `La mairie vous a écrit au sujet de votre demande ${d.reference}.`;
  // The secret of the follow-up link is not kept (only its hash): the first mail holds the link.
  const follow = 'Pour suivre votre demande et répondre, ouvrez le lien du courriel d’accusé de réception.';
  const text = ['Bonjour,', '', head, '', d.message, '', follow].join('\n');
  return {
    communeId: d.commune.id,
    to: d.email,
    subject: d.status
      ? `Demande ${d.reference} : ${STATUS_LABELS[d.status].toLowerCase()}`
      : `Demande ${d.reference} : un message de la mairie`,
    text,
  };
}
