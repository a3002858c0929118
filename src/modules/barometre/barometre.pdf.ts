import fs from 'node:fs';
import { loadPdfKit } from '../../core/lazy-libs.js';
import { SECRET_MIN } from './barometre.stats.js';
import { type ChartGeometry, chartGeometry } from './chart.model.js';
import type { Question } from './questionnaire.types.js';
import { bandRows, categoryLabel, isCategorical, numberCell, overallRows, sampleRows } from './resultats.model.js';
import type { Resultats } from './resultats.service.js';

/**
 * The PDF report of a campaign (pdfkit): cover, method, one page (or more) per theme with the same
 * charts as the pages, drawn with pdfkit's vector API from the same geometry, and the sample by band.
 */

const FONT_DIR = '/usr/share/fonts/truetype/dejavu';
const REGULAR = `${FONT_DIR}/DejaVuSans.ttf`;
const BOLD = `${FONT_DIR}/DejaVuSans-Bold.ttf`;
const PRIMARY = '#1f5f8b';
const MARGIN = 50;

interface Fonts {
  regular: string;
  bold: string;
  /** Text fit for the font: with the standard font, only WinAnsi characters. */
  text: (s: string) => string;
}

/** Characters outside WinAnsi would come out garbled with the standard fonts. */
const WIN_ANSI_EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
const toWinAnsi = (s: string): string =>
  s
    .replace(/[\u202f\u2009]/g, '\u00a0')
    .replace(/−/g, '-')
    .replace(/[^\t\n\r\u0020-\u00ff]/g, (c) => (WIN_ANSI_EXTRA.includes(c) ? c : '?'));

function fontsFor(doc: PDFKit.PDFDocument): Fonts {
  if (fs.existsSync(REGULAR)) {
    doc.registerFont('regular', REGULAR);
    doc.registerFont('bold', fs.existsSync(BOLD) ? BOLD : REGULAR);
    return { regular: 'regular', bold: 'bold', text: (s) => s };
  }
  return { regular: 'Helvetica', bold: 'Helvetica-Bold', text: toWinAnsi };
}

function drawChart(doc: PDFKit.PDFDocument, f: Fonts, g: ChartGeometry, x0: number, y0: number): void {
  const baselineToTop = g.fontSize * 0.8;
  doc.font(f.regular).fontSize(g.fontSize - 1);
  for (const t of g.axis.ticks) {
    doc
      .save()
      .moveTo(x0 + t.x, y0 + g.axis.top)
      .lineTo(x0 + t.x, y0 + g.axis.y)
      .lineWidth(0.4)
      .stroke('#c8cfd6')
      .restore();
    doc.fillColor('#4f5965').text(f.text(t.label), x0 + t.x - 20, y0 + g.axis.y + 3, { width: 40, align: 'center' });
  }
  doc.fontSize(g.fontSize);
  for (const r of g.rows) {
    for (const l of r.lines)
      doc.fillColor('#1b1f24').text(f.text(l.text), x0 + r.barX, y0 + l.y - baselineToTop, { lineBreak: false });
    if (r.barWidth !== null) doc.rect(x0 + r.barX, y0 + r.barY, r.barWidth, g.barHeight).fill(PRIMARY);
    else doc.rect(x0 + r.barX, y0 + r.barY, 3, g.barHeight).fill('#8a949e');
    if (r.ci) {
      const cy = y0 + r.barY + g.barHeight / 2;
      doc
        .save()
        .moveTo(x0 + r.ci.x1, cy)
        .lineTo(x0 + r.ci.x2, cy)
        .lineWidth(1.2)
        .stroke('#111111')
        .restore();
    }
    if (r.refX !== null) {
      const h = g.barHeight / 2 + 2;
      const x = x0 + r.refX;
      const y = y0 + r.barY - 2;
      doc
        .save()
        .polygon([x, y], [x + 4, y + h], [x, y + 2 * h], [x - 4, y + h])
        .fillAndStroke('#f2a900', '#5a3d00')
        .restore();
    }
    doc.fillColor('#1b1f24').text(f.text(r.valueText), x0 + r.valueX, y0 + r.barY + 1, { lineBreak: false });
  }
  doc
    .save()
    .moveTo(x0 + g.axis.x0, y0 + g.axis.y)
    .lineTo(x0 + g.axis.x1, y0 + g.axis.y)
    .lineWidth(0.6)
    .stroke('#4f5965')
    .restore();
}

function ensureRoom(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
}

function drawQuestion(doc: PDFKit.PDFDocument, f: Fonts, q: Question, r: Resultats, width: number): void {
  const s = r.stats.questions[q.code];
  if (!s) return;
  ensureRoom(doc, 60);
  doc.moveDown(0.6).font(f.bold).fontSize(10).fillColor('#1b1f24').text(f.text(q.label), { width });
  if (isCategorical(q)) {
    const charts = [overallRows(q, s), bandRows(q, s)].filter((rows) => rows !== null);
    for (const [i, rows] of charts.entries()) {
      const g = chartGeometry(rows, width, 8);
      ensureRoom(doc, g.height + 14);
      const caption = i === 0 ? 'Ensemble des communes' : `« ${categoryLabel(q, q.principale!)} » par tranche`;
      doc.font(f.regular).fontSize(8).fillColor('#4f5965').text(f.text(caption));
      const top = doc.y;
      drawChart(doc, f, g, MARGIN, top);
      doc.x = MARGIN;
      doc.y = top + g.height + 2;
    }
  } else {
    const line = `Moyenne : ensemble ${numberCell(s.groups.ensemble, 'moyenne')}, médiane ${numberCell(s.groups.ensemble, 'mediane')} (${s.groups.ensemble.n} communes)`;
    doc.font(f.regular).fontSize(9).fillColor('#1b1f24').text(f.text(line), { width });
  }
}

function cover(doc: PDFKit.PDFDocument, f: Fonts, r: Resultats, now: Date): void {
  doc.rect(0, 0, doc.page.width, 220).fill(PRIMARY);
  doc.fillColor('#ffffff').font(f.bold).fontSize(28).text(f.text('Baromètre numérique des communes'), MARGIN, 90);
  doc
    .font(f.regular)
    .fontSize(18)
    .text(f.text(`Résultats de la campagne ${r.campagne.annee}`));
  doc
    .fillColor('#1b1f24')
    .fontSize(12)
    .text(f.text(`${r.stats.repondants.ensemble} communes de moins de 10 000 habitants ont répondu.`), MARGIN, 270);
  doc.moveDown().text(f.text(r.campagne.questionnaire.titre));
  doc
    .moveDown()
    .fillColor('#4f5965')
    .text(
      f.text(`Rapport produit le ${now.toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long' })}.`),
    );
}

function method(doc: PDFKit.PDFDocument, f: Fonts, r: Resultats, width: number): void {
  doc.addPage().font(f.bold).fontSize(18).fillColor('#1b1f24').text(f.text('Méthode'));
  const paragraphs = [
    `Les mairies des communes de moins de 10 000 habitants répondent au questionnaire depuis leur espace Clocher ou par un fichier importé par l’opérateur. Seules les réponses soumises sont comptées ; une commune répond une fois par campagne.`,
    `Les communes sont réparties en quatre tranches de population d’après les données officielles de l’INSEE : moins de 500, 500 à 1 999, 2 000 à 3 499 et 3 500 à 9 999 habitants.`,
    `Chaque part est donnée avec son intervalle de confiance à 95 % (méthode de Wilson). Une question de suivi n’est posée qu’aux communes dont la réponse l’appelle : sa part se lit sur cette base.`,
    `Secret statistique : aucun groupe de moins de ${SECRET_MIN} communes n’est montré, ni un groupe qui pourrait se déduire des autres par différence.`,
    r.precedente
      ? `Les évolutions sont calculées par rapport à la campagne ${r.precedente.annee}, pour les questions présentes dans les deux campagnes.`
      : 'Aucune campagne précédente close : pas d’évolution calculée.',
    'Les chiffres nationaux de l’édition de référence sont montrés à côté des résultats (losange) pour comparaison.',
  ];
  doc.font(f.regular).fontSize(11);
  for (const p of paragraphs) doc.moveDown(0.6).text(f.text(p), { width, align: 'left' });
}

function sample(doc: PDFKit.PDFDocument, f: Fonts, r: Resultats): void {
  doc.addPage().font(f.bold).fontSize(18).fillColor('#1b1f24').text(f.text('Échantillon par tranche de population'));
  doc.moveDown().fontSize(11);
  const rows = [...sampleRows(r.stats), { label: 'Ensemble', n: r.stats.repondants.ensemble, part: '100 %' }];
  for (const row of rows) {
    const y = doc.y;
    doc.font(row.label === 'Ensemble' ? f.bold : f.regular).text(f.text(row.label), MARGIN, y, { width: 250 });
    doc.text(String(row.n), MARGIN + 260, y, { width: 80, align: 'right' });
    doc.text(f.text(row.part), MARGIN + 350, y, { width: 80, align: 'right' });
    doc.moveDown(0.4);
  }
}

/** The campaign's report as a PDF, and its number of pages. */
export async function renderRapportPdf(r: Resultats, now: Date): Promise<{ pdf: Buffer; pages: number }> {
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    lang: 'fr-FR',
    info: { Title: `Baromètre numérique ${r.campagne.annee}` },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const f = fontsFor(doc);
  const width = doc.page.width - 2 * MARGIN;
  cover(doc, f, r, now);
  method(doc, f, r, width);
  for (const t of r.campagne.questionnaire.themes) {
    doc.addPage().font(f.bold).fontSize(18).fillColor('#1b1f24').text(f.text(t.titre));
    for (const q of t.questions) if (q.type !== 'texte') drawQuestion(doc, f, q, r, width);
  }
  sample(doc, f, r);
  const pages = doc.bufferedPageRange().count;
  for (let i = 0; i < pages; i++) {
    doc.switchToPage(i);
    // The footer sits in the bottom margin: without this, pdfkit would start a new page for it.
    doc.page.margins.bottom = 0;
    doc.font(f.regular).fontSize(8).fillColor('#4f5965');
    doc.text(
      f.text(`Baromètre numérique ${r.campagne.annee} – page ${i + 1} sur ${pages}`),
      MARGIN,
      doc.page.height - 35,
      { width, align: 'center', lineBreak: false },
    );
  }
  doc.end();
  await done;
  return { pdf: Buffer.concat(chunks), pages };
}
