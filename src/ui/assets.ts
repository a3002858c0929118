import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Folder of the static assets, served under /static/ with a long cache. */
export const PUBLIC_DIR = path.resolve(import.meta.dirname, '../../public');

/** Installed packages that serve browser files (the back-office editor). */
export const NODE_MODULES = path.resolve(import.meta.dirname, '../../node_modules');

const versions = new Map<string, string>();

/** URL of a static asset with a content hash, so that it can be cached for a year. */
export function assetUrl(file: string): string {
  let v = versions.get(file);
  if (v === undefined) {
    try {
      v = createHash('sha256')
        .update(fs.readFileSync(path.join(PUBLIC_DIR, file)))
        .digest('hex')
        .slice(0, 10);
    } catch {
      v = '0';
    }
    versions.set(file, v);
  }
  return `/static/${file}?v=${v}`;
}
