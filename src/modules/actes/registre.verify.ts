import { sha256Hex } from '../../core/crypto.js';
import type { FileStore } from '../../core/files/index.js';
import { TenantScope } from '../../core/tenancy/index.js';
import type { Database } from '../../db/database.js';
import * as repo from './actes.repo.js';
import { documentHashes } from './actes.service.js';
import { listRegistre } from './registre.repo.js';
import { canonicalPayload, type RegistreProblem, verifyLinks } from './registre.rules.js';
import { payloadOf } from './registre.service.js';

export interface VerifyReport {
  entries: number;
  files: number;
  problems: RegistreProblem[];
}

/**
 * Recomputes a commune's register: the chain's links, the facts of each act as they are now
 * against those chained at publication, and the bytes of every chained document against its
 * SHA-256. Problems are in English (CLI output).
 */
export async function verifyRegistre(db: Database, files: FileStore, communeId: number): Promise<VerifyReport> {
  const scope = new TenantScope(db, communeId);
  const entries = await listRegistre(scope);
  const problems = verifyLinks(entries);
  const checked = new Map<string, boolean>();
  for (const e of entries) {
    const acte = await repo.findActe(scope, e.acteId);
    if (!acte) {
      problems.push({ seq: e.seq, acteId: e.acteId, problem: 'act missing' });
      continue;
    }
    const chained = JSON.parse(e.payload) as unknown[];
    const date = (chained[6] as string | null) ?? null;
    const documents = (chained[7] as string[]) ?? [];
    if (e.kind === 'publication') {
      const now = canonicalPayload(payloadOf(acte, acte.publieLe, await documentHashes(scope, acte)));
      if (now !== e.payload && acte.publieLe === date) {
        problems.push({ seq: e.seq, acteId: e.acteId, problem: `act ${acte.numero} changed since its publication` });
      } else if (acte.publieLe !== date) {
        problems.push({ seq: e.seq, acteId: e.acteId, problem: `act ${acte.numero}: publication date changed` });
      }
    }
    for (const sha of documents) {
      if (!checked.has(sha)) {
        let ok = false;
        try {
          ok = sha256Hex(await files.get(sha)) === sha;
        } catch {
          ok = false;
        }
        checked.set(sha, ok);
      }
      if (!checked.get(sha)) {
        problems.push({
          seq: e.seq,
          acteId: e.acteId,
          problem: `document ${sha} of act ${acte.numero} altered or missing`,
        });
      }
    }
  }
  return { entries: entries.length, files: checked.size, problems };
}
