import type { TenantScope } from '../../core/tenancy/index.js';

/** The append-only history of a request and its files. */

export interface Evenement {
  id: number;
  kind: string;
  fromStatus: string | null;
  toStatus: string | null;
  body: string;
  author: string;
  createdAt: string;
}

export async function insertEvenement(
  scope: TenantScope,
  e: {
    demandeId: number;
    kind: string;
    fromStatus?: string | null;
    toStatus?: string | null;
    body: string;
    author: string;
    actorUserId: number | null;
    now: string;
  },
): Promise<void> {
  await scope
    .insertInto('demande_evenement', {
      demande_id: e.demandeId,
      kind: e.kind,
      from_status: e.fromStatus ?? null,
      to_status: e.toStatus ?? null,
      body: e.body,
      author: e.author,
      actor_user_id: e.actorUserId,
      created_at: e.now,
    })
    .execute();
}

export async function listEvenements(scope: TenantScope, demandeId: number): Promise<Evenement[]> {
  const rows = await scope
    .selectFrom('demande_evenement')
    .select(['id', 'kind', 'from_status', 'to_status', 'body', 'author', 'created_at'])
    .where('demande_id', '=', demandeId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    fromStatus: r.from_status,
    toStatus: r.to_status,
    body: r.body,
    author: r.author,
    createdAt: r.created_at,
  }));
}

export async function insertPiece(
  scope: TenantScope,
  p: { demandeId: number; fileId: number; field: string; now: string },
): Promise<void> {
  await scope
    .insertInto('demande_piece', { demande_id: p.demandeId, file_id: p.fileId, field: p.field, created_at: p.now })
    .execute();
}

export interface Piece {
  id: number;
  field: string;
  name: string;
  mime: string;
  size: number;
}

export async function listPieces(scope: TenantScope, demandeId: number): Promise<Piece[]> {
  const rows = await scope
    .selectFrom('demande_piece')
    .innerJoin('stored_file as f', 'f.id', 'demande_piece.file_id')
    .select(['demande_piece.id', 'demande_piece.field', 'f.original_name', 'f.mime', 'f.size'])
    .where('demande_piece.demande_id', '=', demandeId)
    .orderBy('demande_piece.id')
    .execute();
  return rows.map((r) => ({ id: r.id, field: r.field, name: r.original_name, mime: r.mime, size: r.size }));
}
