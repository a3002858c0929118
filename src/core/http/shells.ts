import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AdminShell } from '../../ui/admin-layout.js';
import type { NavItem } from '../../ui/nav.js';
import type { PublicShell } from '../../ui/public-layout.js';
import { ROLE_LABELS } from '../auth/index.js';
import type { Actor } from '../context.js';
import { formToken } from './forms.js';
import { type BackofficeAccess, requestMemo } from './request-context.js';

/** The public frame's data: the commune and its main menu (gathered from the modules, cached briefly). */
export async function publicShell(req: FastifyRequest): Promise<PublicShell> {
  const { commune } = req;
  const path = req.url.split('?')[0] ?? '/';
  if (!commune) return { commune: null, nav: [], currentPath: path };
  const ctx = { db: req.server.deps.db, commune, now: req.server.deps.now(), memo: requestMemo(req) };
  const nav: NavItem[] = [];
  for (const m of req.server.deps.modules) if (m.publicNav) nav.push(...(await m.publicNav(ctx)));
  const banners = [];
  for (const m of req.server.deps.modules) {
    const banner = await m.publicBanner?.(ctx);
    if (banner) banners.push(banner);
  }
  return { commune, nav, currentPath: path, canonicalBase: req.server.deps.config.publicUrl, banners };
}

/** The back-office frame's data; sets the anti-forgery token used by its sign-out form. */
export function adminShell(
  req: FastifyRequest,
  reply: FastifyReply,
  access: Pick<BackofficeAccess, 'actor' | 'commune'> | { actor: Actor; commune: null },
): AdminShell {
  const actor = access.actor;
  const entries = req.server.deps.modules.flatMap((m) => m.adminEntries?.(actor) ?? []);
  return {
    commune: access.commune,
    userName: actor.kind === 'user' ? actor.displayName : actor.label,
    roleLabel:
      actor.kind === 'user'
        ? actor.role
          ? ROLE_LABELS[actor.role]
          : actor.isOperator
            ? 'Opérateur de la plateforme'
            : null
        : null,
    entries: access.commune ? entries : [],
    currentPath: req.url.split('?')[0] ?? '/admin',
    csrfToken: formToken(reply),
    isOperator: actor.kind === 'user' && actor.isOperator,
  };
}
