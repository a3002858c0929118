import type { Log } from '../../core/context.js';
import { type CommuneCtx, systemActor } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { type FileStore, storeUpload } from '../../core/files/index.js';
import type { AttachmentRenderer, RenderedAttachment } from '../../core/mail/index.js';
import { findCommuneById, TenantScope } from '../../core/tenancy/index.js';
import type { Database } from '../../db/database.js';
import { renderAccusePdf } from './accuse.pdf.js';
import * as accuseRepo from './accuse.repo.js';
import * as repo from './demarches.repo.js';

/** Name of the mail worker's renderer of the accusé de réception PDF. */
export const ACCUSE_RENDERER = 'demarches.accuse';

export const accuseFilename = (reference: string): string => `accuse-reception-${reference}.pdf`;

/** The attachment of the acknowledgement mail: rendered by the worker after the commit. */
export function accuseAttachment(demandeId: number, reference: string): RenderedAttachment {
  return {
    filename: accuseFilename(reference),
    contentType: 'application/pdf',
    render: ACCUSE_RENDERER,
    params: { demandeId },
  };
}

type FilesCommuneCtx = CommuneCtx & { files: FileStore };

/**
 * The PDF of a request's accusé de réception: rendered and stored the first time it is asked
 * (by the mail worker, or the citizen's download if the worker is late), then read back, so the
 * mailed and the downloaded documents are the same bytes.
 */
export async function accusePdf(ctx: FilesCommuneCtx, demandeId: number): Promise<Buffer> {
  const scope = new TenantScope(ctx.db, ctx.commune.id);
  const existing = await accuseRepo.findAccuseFile(scope, demandeId);
  if (existing) return ctx.files.get(existing.sha256);
  const d = await repo.findDemande(scope, demandeId);
  if (!d) throw notFound('Cette demande est introuvable.');
  const bytes = await renderAccusePdf({
    communeNom: ctx.commune.nom,
    reference: d.reference,
    typeTitle: d.typeTitle,
    requester: { prenom: d.prenom, nom: d.nom, adresse: d.adresse, email: d.email },
    receivedAt: d.receivedAt,
    settings: d.settings,
    decisionDue: d.decisionDue,
    canal: d.canal,
  });
  const stored = await storeUpload(ctx, {
    bytes,
    originalName: accuseFilename(d.reference),
    allowed: ['application/pdf'],
    maxBytes: 5 * 1024 * 1024,
  });
  if (await accuseRepo.setAccuseFile(scope, demandeId, stored.id)) return bytes;
  // Another process stored it meanwhile: theirs is the document.
  await accuseRepo.deleteStoredFileRow(scope, stored.id);
  const winner = await accuseRepo.findAccuseFile(scope, demandeId);
  return winner ? ctx.files.get(winner.sha256) : bytes;
}

/** The mail worker's renderers of this module, by name. */
export function demarchesMailRenderers(deps: {
  db: Database;
  files: FileStore;
  log: Log;
}): Record<string, AttachmentRenderer> {
  return {
    [ACCUSE_RENDERER]: async (params, { communeId, now }) => {
      const demandeId = Number(params.demandeId);
      if (communeId === null || !Number.isInteger(demandeId)) throw new Error('invalid accusé attachment');
      const commune = await findCommuneById(deps.db, communeId);
      if (!commune) throw new Error(`commune ${communeId} not found`);
      const ctx = {
        db: deps.db,
        commune,
        now: () => now,
        log: deps.log,
        actor: systemActor('mail'),
        files: deps.files,
      };
      return accusePdf(ctx, demandeId);
    },
  };
}
