import { MODE_LABELS, type ModeScrutin, SENS_LABELS, type SensVote, type VoteFigures } from './conseil.rules.js';

/** Pure drafts of the texts the secrétaire then edits: délibération, procès-verbal, liste. */

const DAY = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'full', timeZone: 'UTC' });

/** "samedi 12 décembre 2026" for "2026-12-12". */
export const dateLongue = (date: string): string => DAY.format(new Date(`${date}T00:00:00Z`));

/** "20 h 30" for "20:30". */
export const heureFr = (time: string): string => time.replace(':', ' h ');

export interface DraftSeance {
  communeNom: string;
  date: string;
  heure: string;
  lieu: string;
  convoqueeLe: string | null;
  president: string | null;
  secretaire: string | null;
}

export interface DraftPoint {
  numero: number;
  titre: string;
  note: string;
  rapporteur: string | null;
  nomination: boolean;
  mode: ModeScrutin | null;
  figures: VoteFigures | null;
  resultat: string | null;
  voixPreponderante: boolean;
  elu: string | null;
  nominatifs: { nom: string; sens: SensVote }[];
}

export interface DraftComposition {
  effectif: number;
  presents: string[];
  representes: { mandant: string; mandataire: string }[];
  absents: string[];
}

const RESULTAT_TEXT: Record<string, string> = {
  adopte: 'ADOPTÉ',
  rejete: 'REJETÉ',
  nomme: 'NOMINATION PRONONCÉE',
};

/** The vote line of a délibération and of the PV. */
export function texteVote(p: DraftPoint, c: DraftComposition): string {
  if (!p.figures) return 'Vote : non encore enregistré.';
  const f = p.figures;
  const lines = [
    `Membres en exercice : ${c.effectif} – présents : ${c.presents.length} – représentés : ${c.representes.length}.`,
    `Vote (${p.mode ? MODE_LABELS[p.mode] : 'vote'}) : pour ${f.pour}, contre ${f.contre}, abstentions ${f.abstention}, ne prennent pas part ${f.npp}.`,
  ];
  if (p.voixPreponderante) lines.push('Partage égal des voix : la voix du président est prépondérante.');
  if (p.elu) lines.push(`Est désigné(e) : ${p.elu}.`);
  if (p.resultat) lines.push(`Résultat : ${RESULTAT_TEXT[p.resultat] ?? p.resultat}.`);
  if (p.mode === 'public' && p.nominatifs.length > 0) {
    lines.push('Scrutin public, vote de chacun :');
    for (const v of p.nominatifs) lines.push(`– ${v.nom} : ${SENS_LABELS[v.sens]}`);
  }
  return lines.join('\n');
}

/** The délibération's draft: heading, visas, considérants, dispositif and vote figures. */
export function draftDeliberation(s: DraftSeance, p: DraftPoint, c: DraftComposition): string {
  const considerants = p.note
    .split(/\n\s*\n/)
    .map((para) => para.trim().replace(/[.;]+$/, ''))
    .filter(Boolean)
    .map((para) => `Considérant que ${para.charAt(0).toLowerCase()}${para.slice(1)}`);
  return [
    `Commune de ${s.communeNom} – Délibération du conseil municipal`,
    `Séance du ${dateLongue(s.date)} à ${heureFr(s.heure)}, ${s.lieu}.`,
    `Point n° ${p.numero} : ${p.titre}`,
    s.convoqueeLe ? `Date de la convocation : ${s.convoqueeLe}.` : '',
    s.president ? `Président de séance : ${s.president}.` : '',
    s.secretaire ? `Secrétaire de séance : ${s.secretaire}.` : '',
    `Présents : ${c.presents.join(', ') || 'aucun'}.`,
    c.representes.length
      ? `Représentés : ${c.representes.map((r) => `${r.mandant} (pouvoir à ${r.mandataire})`).join(', ')}.`
      : '',
    c.absents.length ? `Absents : ${c.absents.join(', ')}.` : '',
    '',
    'Vu le code général des collectivités territoriales, notamment ses articles L. 2121-29 et suivants ;',
    p.rapporteur ? `Vu le rapport présenté par ${p.rapporteur} ;` : '',
    ...(considerants.length ? considerants.map((x) => `${x} ;`) : ['Considérant l’exposé du rapporteur ;']),
    '',
    'Le conseil municipal, après en avoir délibéré,',
    p.resultat === 'rejete' ? 'REJETTE la proposition suivante :' : 'DÉCIDE :',
    `Article 1 : ${p.titre}.`,
    'Article 2 : Le maire est chargé de l’exécution de la présente délibération.',
    '',
    texteVote(p, c),
  ]
    .filter((line, i, all) => line !== '' || (all[i - 1] ?? '') !== '')
    .join('\n');
}

/** The procès-verbal's draft with the contents L2121-15 requires. */
export function draftPv(
  s: DraftSeance,
  c: DraftComposition,
  quorumText: string,
  points: DraftPoint[],
  compositions: Map<number, DraftComposition>,
): string {
  const out = [
    `Procès-verbal de la séance du conseil municipal de ${s.communeNom}`,
    `Séance du ${dateLongue(s.date)}, ouverte à ${heureFr(s.heure)}, ${s.lieu}.`,
    s.convoqueeLe ? `Convocation envoyée le ${s.convoqueeLe}.` : '',
    `Président : ${s.president ?? 'à compléter'}. Secrétaire de séance : ${s.secretaire ?? 'à compléter'}.`,
    `Présents : ${c.presents.join(', ') || 'aucun'}.`,
    `Représentés : ${c.representes.map((r) => `${r.mandant} (pouvoir à ${r.mandataire})`).join(', ') || 'aucun'}.`,
    `Absents : ${c.absents.join(', ') || 'aucun'}.`,
    quorumText,
    '',
    'Ordre du jour :',
    ...points.map((p) => `${p.numero}. ${p.titre}`),
    '',
  ];
  for (const p of points) {
    out.push(`Point n° ${p.numero} : ${p.titre}`);
    if (p.rapporteur) out.push(`Rapporteur : ${p.rapporteur}.`);
    if (p.note) out.push(`Rapport : ${p.note}`);
    out.push('Teneur des discussions : à compléter.');
    out.push(texteVote(p, compositions.get(p.numero) ?? c));
    out.push('');
  }
  return out.filter((line, i, all) => line !== '' || (all[i - 1] ?? '') !== '').join('\n');
}
