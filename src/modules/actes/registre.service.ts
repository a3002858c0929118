import type { TenantScope } from '../../core/tenancy/index.js';
import { lockForTransaction } from '../../db/dialect.js';
import type { Acte } from './actes.repo.js';
import * as registre from './registre.repo.js';
import { canonicalPayload, REGISTRE_GENESIS, type RegistreKind, registreHash } from './registre.rules.js';

/** Advisory-lock space of the acts' registers (PostgreSQL); the key is the commune id. */
const REGISTRE_LOCK_SPACE = 0x0ac7e5;

/** The facts of an act an entry chains. */
export function payloadOf(a: Acte, date: string | null, documents: string[]) {
  return {
    acteId: a.id,
    numero: a.numero,
    nature: a.nature,
    objet: a.objet,
    dateDecision: a.dateDecision,
    auteur: `${a.auteurNom}, ${a.auteurQualite}`,
    date,
    documents,
  };
}

/**
 * Appends an entry to the commune's register, in the caller's transaction, under a lock so that
 * two publications never fork the chain (the single writer serializes them on SQLite).
 */
export async function appendRegistre(
  scope: TenantScope,
  e: { acte: Acte; kind: RegistreKind; date: string | null; documents: string[]; now: Date },
): Promise<string> {
  await lockForTransaction(scope.db, REGISTRE_LOCK_SPACE, scope.communeId);
  const head = await registre.registreHead(scope);
  const seq = (head?.seq ?? 0) + 1;
  const prevHash = head?.hash ?? REGISTRE_GENESIS;
  const entry = {
    seq,
    acteId: e.acte.id,
    kind: e.kind,
    recordedAt: e.now.toISOString(),
    payload: canonicalPayload(payloadOf(e.acte, e.date, e.documents)),
    prevHash,
  };
  const hash = registreHash(prevHash, entry);
  await registre.insertRegistreEntry(scope, { ...entry, hash });
  return hash;
}
