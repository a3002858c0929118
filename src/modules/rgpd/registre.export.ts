import { stringify } from 'csv-stringify/sync';
import { loadPdfKit } from '../../core/lazy-libs.js';
import { ACTIVITY_FIELDS, ACTIVITY_LABELS, type StoredActivity } from './rgpd.rules.js';

/** The registre as CSV and PDF: what the commune keeps available to the CNIL (RGPD art. 30(4)). */

/** Embedded in the PDF, so every character (œ, ’, «) shows the same everywhere. */
export const PDF_FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const PDF_FONT_BOLD = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';

/** Cells starting with = + - @ are read as formulas by spreadsheets: prefix them (CSV injection). */
const cell = (s: string): string => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

/** UTF-8 with BOM and semicolons: what French spreadsheets open. */
export function registreCsv(activities: StoredActivity[]): string {
  const header = ['identifiant', ...ACTIVITY_FIELDS, 'modifie', 'en_usage'];
  const rows = activities.map((a) => [
    a.cle,
    ...ACTIVITY_FIELDS.map((f) => a[f]),
    a.modifie ? 'oui' : 'non',
    a.actif ? 'oui' : 'non',
  ]);
  return `\ufeff${stringify([header, ...rows.map((r) => r.map(cell))], { delimiter: ';' })}`;
}

export interface RegistreHeader {
  communeNom: string;
  responsable: string;
  dpo: string;
  /** YYYY-MM-DD */
  date: string;
}

/** The registre as an A4 PDF, DejaVu Sans embedded; activities no longer in use are left out. */
export async function registrePdf(activities: StoredActivity[], h: RegistreHeader): Promise<Buffer> {
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    lang: 'fr-FR',
    displayTitle: true,
    info: { Title: `Registre des activités de traitement – ${h.communeNom}`, Author: h.responsable },
  });
  doc.registerFont('regular', PDF_FONT);
  doc.registerFont('bold', PDF_FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.font('bold').fontSize(18).text('Registre des activités de traitement');
  doc.font('regular').fontSize(10).fillColor('#333333');
  doc.text('Article 30 du règlement général sur la protection des données (RGPD)');
  doc.moveDown();
  doc.fillColor('#000000').fontSize(11);
  doc.text(`Responsable de traitement : ${h.responsable}`);
  doc.text(`Délégué à la protection des données : ${h.dpo}`);
  doc.text(`Registre établi le ${h.date.split('-').reverse().join('/')}`);
  const inUse = activities.filter((a) => a.actif);
  inUse.forEach((a, i) => {
    doc.moveDown(1.2);
    if (doc.y > doc.page.height - 200) doc.addPage();
    doc
      .font('bold')
      .fontSize(13)
      .text(`${i + 1}. ${a.nom}`);
    doc.moveDown(0.3);
    for (const f of ACTIVITY_FIELDS) {
      if (f === 'nom') continue;
      doc.font('bold').fontSize(10).text(`${ACTIVITY_LABELS[f]} : `, { continued: true });
      doc.font('regular').text(a[f]);
    }
  });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
