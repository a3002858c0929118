import { loadPdfKit } from '../../core/lazy-libs.js';
import { NATURE_INFO, type NatureActe } from './actes.rules.js';

/**
 * The PDF of an act written in Clocher (pdfkit, PDF/A-3b with DejaVu Sans embedded): a format not
 * meant to be modified, as R2131-1 asks of acts published online. Generated once, at signature;
 * the bytes are then kept as they are.
 */

const FONT_DIR = '/usr/share/fonts/truetype/dejavu';
const REGULAR = `${FONT_DIR}/DejaVuSans.ttf`;
const BOLD = `${FONT_DIR}/DejaVuSans-Bold.ttf`;

export interface ActePdfInput {
  communeNom: string;
  nature: NatureActe;
  numero: string;
  objet: string;
  dateDecision: string;
  matiere: string | null;
  texte: string;
  auteurNom: string;
  auteurQualite: string;
  /** ISO instant of the signature. */
  signeLe: string;
}

const frDate = (isoDay: string): string =>
  new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${isoDay}T00:00:00Z`));

export async function renderActePdf(a: ActePdfInput): Promise<Buffer> {
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({
    size: 'A4',
    margin: 60,
    pdfVersion: '1.7',
    subset: 'PDF/A-3b',
    lang: 'fr-FR',
    displayTitle: true,
    info: {
      Title: `${NATURE_INFO[a.nature].label} n° ${a.numero} – ${a.objet}`.slice(0, 300),
      Author: `${a.auteurNom}, ${a.auteurQualite}`,
      Subject: a.objet,
      Creator: 'Clocher',
      CreationDate: new Date(a.signeLe),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', REGULAR);
  doc.registerFont('bold', BOLD);

  doc.font('bold').fontSize(10).text('RÉPUBLIQUE FRANÇAISE', { align: 'left' });
  doc.font('regular').text(`Commune de ${a.communeNom}`);
  doc.moveDown(2);
  doc.font('bold').fontSize(15).text(`${NATURE_INFO[a.nature].label} n° ${a.numero}`, { align: 'center' });
  doc.moveDown(0.5);
  doc.font('bold').fontSize(12).text(a.objet, { align: 'center' });
  doc.moveDown(0.5);
  doc
    .font('regular')
    .fontSize(10)
    .text(`Date de la décision : ${frDate(a.dateDecision)}`, { align: 'center' });
  if (a.matiere) doc.text(`Matière : ${a.matiere}`, { align: 'center' });
  doc.moveDown(1.5);
  doc.font('regular').fontSize(11);
  for (const para of a.texte.split(/\n{2,}/)) {
    doc.text(para.trim(), { align: 'justify' });
    doc.moveDown(0.6);
  }
  doc.moveDown(1.5);
  doc.text(`Fait à ${a.communeNom}, le ${frDate(a.dateDecision)}.`, { align: 'right' });
  doc.moveDown(0.5);
  doc.font('bold').text(a.auteurNom, { align: 'right' });
  doc.font('regular').text(a.auteurQualite, { align: 'right' });
  doc.moveDown(0.5);
  doc.fontSize(9).text(`Signé le ${frDate(a.signeLe.slice(0, 10))}.`, { align: 'right' });
  doc.end();
  return done;
}
