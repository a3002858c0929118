import { loadPdfKit } from '../../core/lazy-libs.js';
import { dateLongue } from './conseil.templates.js';

/**
 * Sheets of the paper registre des délibérations (R2121-9), printed then signed by hand: each
 * sheet bears the commune's name, the séance's date and its number; the closing sheet recalls the
 * order numbers of the délibérations, the members present and the places for the signatures of the
 * maire and the secrétaire(s) de séance. DejaVu Sans is embedded (every French character prints).
 */

const FONT_DIR = '/usr/share/fonts/truetype/dejavu';

export interface RegistreInput {
  communeNom: string;
  seanceDate: string;
  seanceHeure: string;
  lieu: string;
  deliberations: { numeroOrdre: number; numeroActe: string; titre: string; texte: string }[];
  presents: string[];
  representes: string[];
  absents: string[];
  maire: string;
  secretaires: string[];
  /** Rank of the séance in its year: sheets are numbered <rank>-<page> ("3-2"). */
  rangSeance: number;
}

export async function renderRegistrePdf(r: RegistreInput): Promise<Buffer> {
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 70, bottom: 70, left: 60, right: 60 },
    bufferPages: true,
    lang: 'fr-FR',
    displayTitle: true,
    info: {
      Title: `Registre des délibérations – ${r.communeNom} – séance du ${dateLongue(r.seanceDate)}`,
      Creator: 'Clocher',
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', `${FONT_DIR}/DejaVuSans.ttf`);
  doc.registerFont('bold', `${FONT_DIR}/DejaVuSans-Bold.ttf`);
  const seance = `Séance du ${dateLongue(r.seanceDate)} à ${r.seanceHeure.replace(':', ' h ')}`;

  doc.font('bold').fontSize(14).text(`Registre des délibérations du conseil municipal de ${r.communeNom}`);
  doc.font('regular').fontSize(11).text(`${seance}, ${r.lieu}.`);
  doc.moveDown();
  for (const d of r.deliberations) {
    doc.font('bold').fontSize(11).text(`Délibération n° ${d.numeroOrdre} (acte ${d.numeroActe}) : ${d.titre}`);
    doc.moveDown(0.3);
    doc.font('regular').fontSize(10).text(d.texte, { align: 'justify' });
    doc.moveDown();
  }

  doc.addPage();
  doc.font('bold').fontSize(13).text('Clôture de la séance');
  doc.font('regular').fontSize(10).moveDown(0.5);
  doc.text(`${seance}, ${r.lieu}.`);
  doc.moveDown(0.5);
  const numeros = r.deliberations.map((d) => `n° ${d.numeroOrdre} (${d.numeroActe})`).join(', ');
  doc.text(`Délibérations prises au cours de la séance : ${numeros || 'aucune'}.`);
  doc.moveDown(0.5);
  doc.text(`Membres présents : ${r.presents.join(', ') || 'aucun'}.`);
  if (r.representes.length) doc.text(`Membres représentés : ${r.representes.join(', ')}.`);
  if (r.absents.length) doc.text(`Membres absents : ${r.absents.join(', ')}.`);
  doc.moveDown(2);
  const signers = [`Le maire, ${r.maire}`, ...r.secretaires.map((s) => `Le secrétaire de séance, ${s}`)];
  for (const s of signers) {
    doc.font('bold').text(s);
    doc.font('regular').text('Signature :');
    const y = doc.y + 4;
    doc.rect(doc.page.margins.left, y, 220, 60).stroke();
    doc.y = y + 72;
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.height - 50;
    // The footer sits in the bottom margin: lift the margin so pdfkit adds no page for it.
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(8);
    doc.text(
      `Commune de ${r.communeNom} – ${seance} – feuillet n° ${r.rangSeance}-${i + 1} – page ${i + 1} sur ${range.count}`,
      doc.page.margins.left,
      bottom,
      { width: doc.page.width - doc.page.margins.left - doc.page.margins.right, align: 'center', lineBreak: false },
    );
  }
  doc.end();
  return done;
}
