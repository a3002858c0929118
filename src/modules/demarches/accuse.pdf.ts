import fs from 'node:fs';
import type { Font } from 'fontkit';
import { loadFontkit, loadPdfKit } from '../../core/lazy-libs.js';
import type { DemarcheSettings } from './demarches.builtins.js';
import { accuseMentions, frDateTime } from './demarches.mails.js';

/**
 * The PDF of the accusé de réception (CRPA L112-11, R112-11-1): pdfkit, PDF/A-3b, DejaVu Sans
 * embedded. Rendered after the submission's commit (by the mail worker, or at the first download),
 * then kept as it is.
 */

const FONT_DIR = '/usr/share/fonts/truetype/dejavu';

/**
 * The fonts are read and parsed once per process: parsing DejaVu's layout tables was most of the
 * time of a PDF. pdfkit takes the parsed font as it is; each PDF embeds its own subset of it.
 */
const fontCache = new Map<string, Font>();
function font(fontkit: typeof import('fontkit'), file: string): PDFKit.Mixins.PDFFontSource {
  let parsed = fontCache.get(file);
  if (!parsed) {
    parsed = fontkit.create(fs.readFileSync(`${FONT_DIR}/${file}`));
    fontCache.set(file, parsed);
  }
  return parsed as unknown as PDFKit.Mixins.PDFFontSource;
}

export interface AccusePdfInput {
  communeNom: string;
  reference: string;
  typeTitle: string;
  requester: { prenom: string; nom: string; adresse: string; email: string };
  receivedAt: string;
  settings: DemarcheSettings;
  decisionDue: string | null;
  canal: string;
}

export async function renderAccusePdf(a: AccusePdfInput): Promise<Buffer> {
  const [PDFDocument, fontkit] = await Promise.all([loadPdfKit(), loadFontkit()]);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 60,
    pdfVersion: '1.7',
    subset: 'PDF/A-3b',
    lang: 'fr-FR',
    displayTitle: true,
    // No default font: pdfkit would load its Helvetica metrics for every document, unused here.
    font: null as unknown as string,
    info: {
      Title: `Accusé de réception de la demande ${a.reference}`,
      Author: `Mairie de ${a.communeNom}`,
      Subject: a.typeTitle,
      Creator: 'Clocher',
      // The date of receipt, not of rendering: the document is the same whenever it is produced.
      CreationDate: new Date(a.receivedAt),
      ModDate: new Date(a.receivedAt),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', font(fontkit, 'DejaVuSans.ttf'));
  doc.registerFont('bold', font(fontkit, 'DejaVuSans-Bold.ttf'));

  doc.font('bold').fontSize(10).text('RÉPUBLIQUE FRANÇAISE');
  doc.font('regular').text(`Mairie de ${a.communeNom}`);
  doc.moveDown(2);
  doc.font('bold').fontSize(16).text('Accusé de réception', { align: 'center' });
  doc
    .font('regular')
    .fontSize(10)
    .text(
      a.canal === 'guichet'
        ? 'Demande enregistrée au guichet de la mairie'
        : 'Saisine par voie électronique (articles L112-11 et R112-11-1 du code des relations entre le public et l’administration)',
      { align: 'center' },
    );
  doc.moveDown(1.5);
  doc.font('bold').fontSize(11).text('Votre demande');
  doc.font('regular').fontSize(10.5);
  doc.text(`Démarche : ${a.typeTitle}`);
  doc.text(`Référence : ${a.reference}`);
  doc.text(`Demandeur : ${a.requester.prenom} ${a.requester.nom}`);
  if (a.requester.adresse) doc.text(`Adresse : ${a.requester.adresse}`);
  doc.text(`Adresse électronique : ${a.requester.email}`);
  doc.moveDown(1);
  doc.font('bold').fontSize(11).text('Mentions de l’accusé de réception');
  doc.font('regular').fontSize(10.5);
  for (const line of accuseMentions(a)) {
    doc.text(line, { align: 'justify' });
    doc.moveDown(0.4);
  }
  if (a.settings.silence !== 'aucune' && a.decisionDue !== null) {
    doc.moveDown(1);
    doc
      .fontSize(9)
      .fillColor('#444444')
      .text(
        'Le délai de la décision implicite court à compter de la date de réception, sous réserve que le dossier soit complet ; ' +
          'si des pièces manquent, la mairie vous les demande et le délai ne court qu’à compter de leur réception ' +
          '(article L114-5 du code des relations entre le public et l’administration).',
        { align: 'justify' },
      );
  }
  doc.moveDown(1.5);
  doc
    .fillColor('#000000')
    .fontSize(10)
    .text(`Fait le ${frDateTime(a.receivedAt)}.`, { align: 'right' });
  doc.text(`La mairie de ${a.communeNom}`, { align: 'right' });
  doc.end();
  return done;
}
