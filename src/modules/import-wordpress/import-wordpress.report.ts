/** What an import did: counts per kind and every problem, told in English (CLI) or French (page). */

export type ImportKind = 'actualites' | 'pages' | 'medias';

export interface Counts {
  created: number;
  updated: number;
  skipped: number;
}

export type ImportProblem =
  | { code: 'missing-file'; name: string }
  | { code: 'media-refused'; name: string; reason: string }
  | { code: 'no-alt'; name: string }
  | { code: 'reserved-slug'; title: string; from: string; to: string }
  | { code: 'slug-taken'; title: string; from: string; to: string }
  | { code: 'depth-capped'; title: string }
  | { code: 'orphan-page'; title: string }
  | { code: 'status-skipped'; title: string; status: string }
  | { code: 'recreated'; title: string };

export interface ImportReport {
  counts: Record<ImportKind, Counts>;
  problems: ImportProblem[];
}

export const emptyReport = (): ImportReport => ({
  counts: {
    actualites: { created: 0, updated: 0, skipped: 0 },
    pages: { created: 0, updated: 0, skipped: 0 },
    medias: { created: 0, updated: 0, skipped: 0 },
  },
  problems: [],
});

const KIND_EN: Record<ImportKind, string> = { actualites: 'Posts (actualites)', pages: 'Pages', medias: 'Files' };
const KIND_FR: Record<ImportKind, string> = { actualites: 'Actualités', pages: 'Pages', medias: 'Fichiers' };

/** One English line per problem. */
export function problemEn(p: ImportProblem): string {
  switch (p.code) {
    case 'missing-file':
      return `missing file: ${p.name} is not in the uploads`;
    case 'media-refused':
      return `file refused: ${p.name} (${p.reason})`;
    case 'no-alt':
      return `image without a text alternative: ${p.name} (marked decorative; describe it in the media library)`;
    case 'reserved-slug':
      return `reserved address: page "${p.title}" moved from /${p.from} to /${p.to}`;
    case 'slug-taken':
      return `address taken: "${p.title}" moved from ${p.from} to ${p.to}`;
    case 'depth-capped':
      return `too deep: page "${p.title}" placed at level 3 (three levels of pages at most)`;
    case 'orphan-page':
      return `missing parent: page "${p.title}" placed at the top`;
    case 'status-skipped':
      return `skipped: "${p.title}" has status "${p.status}"`;
    case 'recreated':
      return `created again: "${p.title}" had been deleted since the last import`;
  }
}

/** One French sentence per problem. */
export function problemFr(p: ImportProblem): string {
  switch (p.code) {
    case 'missing-file':
      return `Fichier absent : ${p.name} ne se trouve pas dans le dossier des fichiers envoyés.`;
    case 'media-refused':
      return `Fichier refusé : ${p.name} (${p.reason})`;
    case 'no-alt':
      return `Image sans texte alternatif : ${p.name} est marquée décorative ; décrivez-la dans la médiathèque.`;
    case 'reserved-slug':
      return `Adresse réservée : la page « ${p.title} » est publiée à /${p.to} au lieu de /${p.from}.`;
    case 'slug-taken':
      return `Adresse déjà prise : « ${p.title} » est publiée à ${p.to} au lieu de ${p.from}.`;
    case 'depth-capped':
      return `Page trop profonde : « ${p.title} » est placée au troisième niveau (trois niveaux au plus).`;
    case 'orphan-page':
      return `Page parente absente de l’export : « ${p.title} » est placée au premier niveau.`;
    case 'status-skipped':
      return `Non importé : « ${p.title} » a l’état WordPress « ${p.status} ».`;
    case 'recreated':
      return `Recréé : « ${p.title} » avait été supprimé depuis le dernier import.`;
  }
}

/** The CLI's summary lines. */
export function reportLinesEn(r: ImportReport): string[] {
  const lines = (Object.keys(r.counts) as ImportKind[]).map(
    (k) =>
      `${KIND_EN[k]}: ${r.counts[k].created} created, ${r.counts[k].updated} updated, ${r.counts[k].skipped} unchanged`,
  );
  return [...lines, ...r.problems.map((p) => `problem: ${problemEn(p)}`)];
}

/** The page's summary rows. */
export function reportRowsFr(r: ImportReport): { label: string; counts: Counts }[] {
  return (Object.keys(r.counts) as ImportKind[]).map((k) => ({ label: KIND_FR[k], counts: r.counts[k] }));
}
