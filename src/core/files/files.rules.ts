/** Pure rules of uploads: the words used to tell the user what is accepted. */

/** How the user knows a format, by its MIME type (as detected from the content). */
const FORMAT_LABELS: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/webp': 'WebP',
  'image/gif': 'GIF',
  'image/avif': 'AVIF',
  'image/heic': 'HEIC',
  'image/svg+xml': 'SVG',
  'application/vnd.oasis.opendocument.text': 'ODT',
  'application/vnd.oasis.opendocument.spreadsheet': 'ODS',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
  'application/zip': 'ZIP',
};

/** The label of a MIME type ("PDF"), or the type itself when it has none. */
export const formatLabel = (mime: string): string => FORMAT_LABELS[mime] ?? mime;

/** ["application/pdf", "image/png"] → "PDF ou PNG"; three or more → "PDF, JPEG ou PNG". */
export function describeFormats(mimes: readonly string[]): string {
  const labels = [...new Set(mimes.map(formatLabel))];
  if (labels.length <= 1) return labels[0] ?? '';
  return `${labels.slice(0, -1).join(', ')} ou ${labels.at(-1)}`;
}

const number = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** 5242880 → "5 Mo", 512000 → "500 ko" (binary units, as file managers show them). */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${number.format(bytes / (1024 * 1024))} Mo`;
  if (bytes >= 1024) return `${number.format(bytes / 1024)} ko`;
  return `${bytes} octets`;
}

/**
 * The name shown for a stored file: the last path segment, without control characters, at most
 * 200 characters. It is only displayed and offered as the download name, never used as a path.
 */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).at(-1) ?? '';
  const clean = base
    .replace(/\p{Cc}/gu, '')
    .trim()
    .slice(0, 200);
  return clean === '' || clean === '.' || clean === '..' ? 'fichier' : clean;
}

export interface UploadRules {
  /** MIME types accepted, as detected from the content. */
  allowed: readonly string[];
  maxBytes: number;
}

const acceptedText = (rules: UploadRules): string =>
  `Formats acceptés : ${describeFormats(rules.allowed)}, ${formatSize(rules.maxBytes)} au maximum.`;

/** The French problem with an upload's size, or null. */
export function sizeProblem(size: number, rules: UploadRules): string | null {
  if (size === 0) return 'Le fichier est vide.';
  if (size > rules.maxBytes) return `Le fichier est trop volumineux (${formatSize(size)}). ${acceptedText(rules)}`;
  return null;
}

/** The French problem with an upload's format (`mime` as detected from the content), or null. */
export function formatProblem(mime: string, rules: UploadRules): string | null {
  if (rules.allowed.includes(mime)) return null;
  return `Le contenu de ce fichier ne correspond à aucun format accepté. ${acceptedText(rules)}`;
}
