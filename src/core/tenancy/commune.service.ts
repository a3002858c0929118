import { appendAuditEvent } from '../audit/index.js';
import { actorUserId, type PlatformCtx } from '../context.js';
import { AppError, conflict, invalid } from '../errors.js';
import type { Commune, CommuneTheme, MairieInfo } from './commune.js';
import * as repo from './commune.platform.repo.js';
import { findEpciOf, findInseeCommune } from './insee.js';
import { isHostName, isInseeCode, normalizeHost, slugify } from './tenancy.rules.js';

export interface AddCommuneInput {
  insee: string;
  host?: string;
  slug?: string;
}

/** Creates a commune from the official INSEE data (name, population, département, EPCI). */
export async function addCommune(ctx: PlatformCtx, input: AddCommuneInput): Promise<Commune> {
  const insee = input.insee.trim().toUpperCase();
  if (!isInseeCode(insee)) {
    throw invalid(`« ${input.insee} » n’est pas un code INSEE de commune (5 caractères, par exemple 35238).`, {
      insee: 'Code INSEE invalide : 5 caractères, par exemple 35238.',
    });
  }
  const official = findInseeCommune(insee);
  if (!official) {
    throw invalid(`Aucune commune actuelle ne porte le code INSEE ${insee}.`, {
      insee: `Aucune commune actuelle ne porte le code INSEE ${insee}.`,
    });
  }
  const host = input.host === undefined || input.host.trim() === '' ? undefined : normalizeHost(input.host);
  if (host !== undefined && !isHostName(host)) {
    throw invalid(`« ${input.host} » n’est pas un nom d’hôte valide.`, { host: 'Nom d’hôte invalide.' });
  }
  const slug = input.slug ? slugify(input.slug) : slugify(official.nom);
  const epci = findEpciOf(insee);
  const now = ctx.now().toISOString();

  return ctx.db.transaction().execute(async (trx) => {
    if (await repo.findCommuneByInsee(trx, insee)) {
      throw conflict(`La commune ${official.nom} (${insee}) est déjà sur la plateforme.`, {
        insee: 'Cette commune est déjà sur la plateforme.',
      });
    }
    if (host !== undefined && (await repo.findHost(trx, host))) {
      throw conflict(`Le nom d’hôte ${host} est déjà utilisé par une autre commune.`, {
        host: 'Ce nom d’hôte est déjà utilisé.',
      });
    }
    const uniqueSlug = (await repo.findCommuneBySlug(trx, slug)) ? `${slug}-${insee.toLowerCase()}` : slug;
    const epciId = epci
      ? await repo.findOrInsertEpci(trx, { siren: epci.code, nom: epci.nom, type: epci.type }, now)
      : null;
    const id = await repo.insertCommune(trx, {
      slug: uniqueSlug,
      insee,
      siren: official.siren ?? null,
      siret: null,
      nom: official.nom,
      population: official.population ?? 0,
      departement: official.departement,
      epci_id: epciId,
      created_at: now,
      updated_at: now,
    });
    if (host !== undefined) await repo.insertHost(trx, id, host);
    await appendAuditEvent(trx, {
      communeId: null,
      occurredAt: ctx.now(),
      action: 'commune.added',
      actorUserId: actorUserId(ctx.actor),
      objectType: 'commune',
      objectId: id,
      details: { insee, slug: uniqueSlug, host: host ?? null },
    });
    const created = await repo.findCommuneById(trx, id);
    if (!created) throw new AppError('NotFound', 'Commune introuvable après création.');
    return created;
  });
}

export interface RegisterCommuneInput {
  insee: string;
  nom: string;
  slug: string;
  population: number;
  departement: string;
  siren: string | null;
  siret: string | null;
  epci: { siren: string; nom: string; type: string } | null;
  info: MairieInfo;
  theme: CommuneTheme;
  isDemo: boolean;
  hosts: string[];
}

/** Creates a commune from a full record (the demo commune, which the INSEE list does not know). */
export async function registerCommune(ctx: PlatformCtx, input: RegisterCommuneInput): Promise<Commune> {
  if (!isInseeCode(input.insee)) throw invalid(`« ${input.insee} » n’est pas un code INSEE valide.`);
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    if (await repo.findCommuneByInsee(trx, input.insee)) {
      throw conflict(`La commune ${input.insee} est déjà sur la plateforme.`);
    }
    const epciId = input.epci ? await repo.findOrInsertEpci(trx, input.epci, now) : null;
    const id = await repo.insertCommune(trx, {
      slug: slugify(input.slug),
      insee: input.insee,
      siren: input.siren,
      siret: input.siret,
      nom: input.nom,
      population: input.population,
      departement: input.departement,
      epci_id: epciId,
      theme: JSON.stringify(input.theme),
      info: JSON.stringify(input.info),
      is_demo: input.isDemo ? 1 : 0,
      created_at: now,
      updated_at: now,
    });
    for (const host of input.hosts) await repo.insertHost(trx, id, normalizeHost(host));
    await appendAuditEvent(trx, {
      communeId: null,
      occurredAt: ctx.now(),
      action: 'commune.added',
      actorUserId: actorUserId(ctx.actor),
      objectType: 'commune',
      objectId: id,
      details: { insee: input.insee, demo: input.isDemo },
    });
    const created = await repo.findCommuneById(trx, id);
    if (!created) throw new AppError('NotFound', 'Commune introuvable après création.');
    return created;
  });
}
