import type { Database } from '../../db/database.js';
import type { Commune } from './commune.js';
import { findCommuneByHost, findCommuneBySlug, listCommunes } from './commune.platform.repo.js';
import { normalizeHost } from './tenancy.rules.js';

/** How long a process may keep a commune's settings before reading them again. */
export const COMMUNE_CACHE_TTL_MS = 5_000;

/**
 * Host header → commune. A known host gives its commune; an unknown one gets the default commune
 * (CLOCHER_DEFAULT_COMMUNE), or the only commune when there is just one. Answers are cached for a
 * few seconds so that a public page costs no registry query; `invalidate()` after any change.
 */
export class CommuneResolver {
  private cache = new Map<string, { commune: Commune | null; at: number }>();

  constructor(
    private readonly db: Database,
    private readonly defaultSlug: string | undefined,
    private readonly ttlMs = COMMUNE_CACHE_TTL_MS,
  ) {}

  async resolve(hostHeader: string | undefined): Promise<Commune | null> {
    const host = normalizeHost(hostHeader);
    const hit = this.cache.get(host);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.commune;
    const commune = (await findCommuneByHost(this.db, host)) ?? (await this.fallback());
    if (this.cache.size > 1000) this.cache.clear();
    this.cache.set(host, { commune: commune ?? null, at: Date.now() });
    return commune ?? null;
  }

  /**
   * The commune id of a host this process resolved a moment ago, without waiting: undefined when
   * the answer is not known or too old (the caller then takes the normal way).
   */
  peek(hostHeader: string | undefined): number | undefined {
    const hit = this.cache.get(normalizeHost(hostHeader));
    return hit?.commune && Date.now() - hit.at < this.ttlMs ? hit.commune.id : undefined;
  }

  /** Told when this process drops its answers by itself (cluster.ts passes it on to its siblings). */
  onInvalidate?: () => void;

  /** Drops every cached answer, after a change of communes or settings; `tell`: false when told by a sibling. */
  invalidate(tell = true): void {
    this.cache.clear();
    if (tell) this.onInvalidate?.();
  }

  private async fallback(): Promise<Commune | undefined> {
    if (this.defaultSlug) return findCommuneBySlug(this.db, this.defaultSlug);
    const all = await listCommunes(this.db);
    return all.length === 1 ? all[0] : undefined;
  }
}
