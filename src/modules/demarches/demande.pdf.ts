import { loadPdfKit } from '../../core/lazy-libs.js';
import type { Commune } from '../../core/tenancy/index.js';
import { frDate, frDateTime } from './demarches.mails.js';
import type { Demande } from './demarches.repo.js';
import { STATUS_LABELS } from './demarches.rules.js';
import type { Evenement, Piece } from './evenements.repo.js';
import { displayAnswer, isDisplayOnly } from './fields.rules.js';

/** DejaVu is embedded: every character of a citizen's text comes out (standard fonts garble some). */
const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const BOLD = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';

export interface DemandePdfData {
  commune: Commune;
  demande: Demande;
  evenements: Evenement[];
  pieces: Piece[];
  /** Name of the agent in charge, if any. */
  assignee: string | null;
  printedAt: Date;
}

const size = (n: number): string => (n < 1024 * 1024 ? `${Math.ceil(n / 1024)} ko` : `${(n / 1048576).toFixed(1)} Mo`);

/** The PDF of a request for the file: identity, answers, attached pieces listed, whole history. */
export async function demandePdf(v: DemandePdfData): Promise<Buffer> {
  const PDFDocument = await loadPdfKit();
  const d = v.demande;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    lang: 'fr-FR',
    displayTitle: true,
    info: { Title: `Demande ${d.reference}`, Author: `Mairie de ${v.commune.nom}` },
  });
  doc.registerFont('regular', FONT);
  doc.registerFont('bold', BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const heading = (text: string) => doc.moveDown(0.8).font('bold').fontSize(13).text(text).moveDown(0.3);
  const line = (label: string, value: string) =>
    doc
      .font('bold')
      .fontSize(10)
      .text(`${label} : `, { continued: true })
      .font('regular')
      .text(value || '—');

  doc.font('regular').fontSize(9).fillColor('#4f5965').text(`Mairie de ${v.commune.nom}`);
  doc.fillColor('#1b1f24').font('bold').fontSize(18).text(`Demande ${d.reference}`).moveDown(0.2);
  doc.font('regular').fontSize(11).text(d.typeTitle);
  heading('Dossier');
  line('Reçue le', `${frDateTime(d.receivedAt)} (${d.canal === 'guichet' ? 'au guichet' : 'en ligne'})`);
  line('Statut', STATUS_LABELS[d.status]);
  line('Date de décision implicite', d.decisionDue ? frDate(d.decisionDue) : 'aucune');
  line('Agent chargé', v.assignee ?? 'personne');
  heading('Demandeur');
  line('Nom', `${d.prenom} ${d.nom}`);
  line('Adresse électronique', d.email);
  line('Adresse postale', d.adresse);
  heading('Contenu de la demande');
  for (const f of d.form) {
    if (f.type === 'section') {
      doc.moveDown(0.3).font('bold').fontSize(11).text(f.label);
      continue;
    }
    if (isDisplayOnly(f) || f.type === 'file') continue;
    line(f.label, displayAnswer(f, d.answers[f.name]));
  }
  heading(`Pièces jointes (${v.pieces.length})`);
  if (v.pieces.length === 0) doc.font('regular').fontSize(10).text('Aucune pièce jointe.');
  for (const p of v.pieces) {
    doc
      .font('regular')
      .fontSize(10)
      .text(`• ${p.name} — ${p.mime}, ${size(p.size)}`);
  }
  heading('Historique');
  for (const e of v.evenements) {
    const what =
      e.kind === 'statut'
        ? `Statut : ${e.toStatus ? (STATUS_LABELS as Record<string, string>)[e.toStatus] : ''}`
        : e.kind === 'note'
          ? 'Note interne'
          : e.kind === 'message_usager'
            ? 'Message du demandeur'
            : 'Message au demandeur';
    doc
      .font('bold')
      .fontSize(10)
      .text(`${frDateTime(e.createdAt)} — ${what} — ${e.author}`);
    doc.font('regular').fontSize(10).text(e.body).moveDown(0.3);
  }
  doc
    .moveDown(1)
    .font('regular')
    .fontSize(8)
    .fillColor('#4f5965')
    .text(`Document imprimé le ${frDateTime(v.printedAt.toISOString())}.`);
  doc.end();
  return done;
}
