import pino from 'pino';
import { registerTestCommune } from '../../../tests/helpers/communes.js';
import type { Actor, CommuneCtx } from '../../core/context.js';
import { sha256Hex } from '../../core/crypto.js';
import type { FileStore } from '../../core/files/index.js';
import type { Commune } from '../../core/tenancy/index.js';
import type { Database } from '../../db/database.js';

/** Test factories of the data protection module: rows written as the other modules write them. */

export const silentLog = pino({ level: 'silent' });
export const systemTest: Actor = { kind: 'system', label: 'test' };
export const administrateur: Actor = {
  kind: 'user',
  userId: 1,
  displayName: 'Alice Administratrice',
  isOperator: false,
  role: 'administrateur',
};
export const secretaire: Actor = {
  kind: 'user',
  userId: 2,
  displayName: 'Claire',
  isOperator: false,
  role: 'secretaire',
};
export const agent: Actor = { kind: 'user', userId: 3, displayName: 'Agent', isOperator: false, role: 'agent' };

export function makeCommune(db: Database, insee: string, nom: string, now: Date): Promise<Commune> {
  return registerTestCommune(db, now, insee, nom, {
    population: 500,
    info: { email: 'mairie@exemple.fr', dpo: 'dpo@cdg62.fr' },
  });
}

export const ctxFor = (
  db: Database,
  commune: Commune,
  now: () => Date,
  actor: Actor = systemTest,
  files?: FileStore,
): CommuneCtx & { files: FileStore } => ({ db, commune, now, log: silentLog, actor, files: files as FileStore });

/** A démarche type with its first revision. */
export async function insertType(
  db: Database,
  communeId: number,
  t: { slug: string; title: string; conservationMois?: number; now: string },
): Promise<number> {
  const { id } = await db
    .insertInto('demarche_type')
    .values({
      commune_id: communeId,
      slug: t.slug,
      title: t.title,
      summary: `${t.title}.`,
      current_revision: 1,
      created_at: t.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('demarche_revision')
    .values({
      commune_id: communeId,
      type_id: id,
      version: 1,
      form: JSON.stringify([
        { name: 'objet', type: 'text', label: 'Objet' },
        { name: 'info', type: 'help', label: 'Texte d’aide' },
        { name: 'piece', type: 'file', label: 'Pièce jointe' },
      ]),
      settings: JSON.stringify({
        service: { nom: `Service ${t.title}` },
        conservationMois: t.conservationMois ?? 12,
        silence: 'aucune',
        delaiJours: 0,
        roles: [],
      }),
      created_at: t.now,
    })
    .execute();
  return id;
}

let refCounter = 0;

/** A request, with one history event and optionally a piece stored in `files`. */
export async function insertDemande(
  db: Database,
  communeId: number,
  d: {
    typeId: number;
    email: string;
    status: string;
    receivedAt: string;
    updatedAt: string;
    piece?: Buffer;
    files?: FileStore;
  },
): Promise<{ id: number; reference: string; sha256?: string }> {
  const revision = await db
    .selectFrom('demarche_revision')
    .select('id')
    .where('type_id', '=', d.typeId)
    .executeTakeFirstOrThrow();
  refCounter++;
  const reference = `2025-${900000 + refCounter}`;
  const { id } = await db
    .insertInto('demande')
    .values({
      commune_id: communeId,
      type_id: d.typeId,
      revision_id: revision.id,
      reference,
      token_hash: sha256Hex('secret'),
      status: d.status,
      canal: 'en_ligne',
      email: d.email,
      nom: 'Martin',
      prenom: 'Léa',
      adresse: '3 rue des Lilas',
      answers: JSON.stringify({ objet: 'Ma question personnelle' }),
      received_at: d.receivedAt,
      decision_due: null,
      updated_at: d.updatedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('demande_evenement')
    .values({
      commune_id: communeId,
      demande_id: id,
      kind: 'message_usager',
      body: 'Bonjour, je suis Léa Martin.',
      author: 'Demandeur',
      actor_user_id: null,
      created_at: d.receivedAt,
    })
    .execute();
  if (!d.piece || !d.files) return { id, reference };
  const blob = await d.files.put(d.piece);
  const file = await db
    .insertInto('stored_file')
    .values({
      commune_id: communeId,
      sha256: blob.sha256,
      mime: 'application/pdf',
      size: blob.size,
      original_name: 'piece.pdf',
      created_at: d.receivedAt,
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('demande_piece')
    .values({ commune_id: communeId, demande_id: id, file_id: file.id, field: 'piece', created_at: d.receivedAt })
    .execute();
  return { id, reference, sha256: blob.sha256 };
}
