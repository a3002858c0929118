import { stringify } from 'csv-stringify/sync';
import type { Demande } from './demarches.repo.js';
import { STATUS_LABELS } from './demarches.rules.js';
import { displayAnswer, isDisplayOnly } from './fields.rules.js';

/** Cells starting with = + - @ are read as formulas by spreadsheets: prefix them (CSV injection). */
const cell = (s: string): string => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

/** The CSV of a list of requests (UTF-8 with BOM, semicolons: what French spreadsheets open). */
export function demandesCsv(demandes: Demande[]): string {
  const rows = demandes.map((d) => {
    const content = d.form
      .filter((f) => !isDisplayOnly(f) && d.answers[f.name] !== undefined)
      .map((f) => `${f.label} : ${displayAnswer(f, d.answers[f.name])}`)
      .join(' | ');
    return [
      d.reference,
      d.typeTitle,
      STATUS_LABELS[d.status],
      d.receivedAt,
      d.decisionDue ?? '',
      d.canal,
      d.prenom,
      d.nom,
      d.email,
      d.adresse,
      content,
    ].map(cell);
  });
  const header = [
    'reference',
    'demarche',
    'statut',
    'recue_le',
    'decision_implicite',
    'canal',
    'prenom',
    'nom',
    'email',
    'adresse',
    'contenu',
  ];
  return `\ufeff${stringify([header, ...rows], { delimiter: ';' })}`;
}
