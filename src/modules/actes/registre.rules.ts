import { sha256Hex } from '../../core/crypto.js';

/**
 * Pure rules of the integrity register: each published document's SHA-256, with the facts shown
 * to the public, is chained with the previous entry of the commune's register. Any later change of
 * a file, of a chained field or of an entry breaks the chain from that point on.
 */

export const REGISTRE_GENESIS = '0'.repeat(64);

export type RegistreKind = 'publication' | 'retrait' | 'annulation';

/** The facts an entry chains (what the public register shows of the act). */
export interface RegistrePayload {
  acteId: number;
  numero: string;
  nature: string;
  objet: string;
  dateDecision: string;
  auteur: string;
  /** Publication date (publication) or end date (retrait, annulation). */
  date: string | null;
  /** SHA-256 of the act's document then of its annexes, in order. */
  documents: string[];
}

/** Canonical JSON of a payload: fixed key order, so the same facts always give the same text. */
export function canonicalPayload(p: RegistrePayload): string {
  return JSON.stringify([p.acteId, p.numero, p.nature, p.objet, p.dateDecision, p.auteur, p.date, p.documents]);
}

/** hash = SHA-256(prev ‖ seq ‖ kind ‖ recordedAt ‖ canonical payload). */
export function registreHash(
  prev: string,
  e: { seq: number; kind: string; recordedAt: string; payload: string },
): string {
  return sha256Hex(`${prev}\n${e.seq}\n${e.kind}\n${e.recordedAt}\n${e.payload}`);
}

export interface RegistreEntry {
  seq: number;
  acteId: number;
  kind: string;
  recordedAt: string;
  payload: string;
  prevHash: string;
  hash: string;
}

export interface RegistreProblem {
  seq: number;
  acteId: number | null;
  problem: string;
}

/**
 * Checks a chain's links (sequence, previous hash, recomputed hash). Problems are in English
 * (CLI output); the first broken link is enough to distrust what follows, but all are listed.
 */
export function verifyLinks(entries: RegistreEntry[]): RegistreProblem[] {
  const problems: RegistreProblem[] = [];
  let prev = REGISTRE_GENESIS;
  let expected = 1;
  for (const e of entries) {
    if (e.seq !== expected)
      problems.push({ seq: e.seq, acteId: e.acteId, problem: `sequence gap (expected ${expected})` });
    if (e.prevHash !== prev) problems.push({ seq: e.seq, acteId: e.acteId, problem: 'previous hash does not match' });
    if (registreHash(e.prevHash, e) !== e.hash)
      problems.push({ seq: e.seq, acteId: e.acteId, problem: 'entry altered' });
    prev = e.hash;
    expected = e.seq + 1;
  }
  return problems;
}
