import { lockForTransaction } from '../../db/dialect.js';
import { appendAuditEvent } from '../audit/index.js';
import { actorUserId, type CommuneCtx } from '../context.js';
import { conflict, forbidden, notFound } from '../errors.js';
import { TenantScope } from '../tenancy/tenant-scope.js';
import * as members from './memberships.repo.js';
import { can } from './policy.js';
import type { Role } from './roles.js';
import * as sessions from './sessions.repo.js';
import * as users from './users.platform.repo.js';

/** Advisory-lock space of a commune's memberships (PostgreSQL); the key is the commune id. */
const MEMBERSHIP_LOCK_SPACE = 0x6d656d;

/**
 * Serializes the changes of a commune's memberships until the transaction ends: two administrators
 * demoting each other at once must not both see the other still in place.
 */
export function lockMemberships(trx: Parameters<typeof lockForTransaction>[0], communeId: number): Promise<void> {
  return lockForTransaction(trx, MEMBERSHIP_LOCK_SPACE, communeId);
}

/** Refuses a change of `member` that would leave the commune without an active administrator. */
export async function keepAnAdministrator(
  scope: TenantScope,
  member: { role: Role; active: boolean },
  next: { role: Role; active: boolean },
): Promise<void> {
  const losesAdmin =
    member.role === 'administrateur' && member.active && (next.role !== 'administrateur' || !next.active);
  if (losesAdmin && (await members.countActiveAdministrators(scope)) <= 1) {
    throw conflict('La commune doit garder au moins un administrateur actif.', {
      role: 'La commune doit garder au moins un administrateur actif.',
    });
  }
}

/** The commune's users with their role (administrators' page). */
export async function listCommuneMembers(ctx: CommuneCtx): Promise<members.Member[]> {
  if (!can(ctx.actor, 'users.manage')) throw forbidden();
  return members.listMembers(new TenantScope(ctx.db, ctx.commune.id));
}

export async function getCommuneMember(ctx: CommuneCtx, membershipId: number): Promise<members.Member> {
  if (!can(ctx.actor, 'users.manage')) throw forbidden();
  const m = await members.findMember(new TenantScope(ctx.db, ctx.commune.id), membershipId);
  if (!m) throw notFound('Cet utilisateur n’existe pas dans cette commune.');
  return m;
}

export interface UpdateMemberInput {
  displayName: string;
  role: Role;
  active: boolean;
}

/**
 * Edits a member: name, role, access to this commune. The commune never loses its last active
 * administrator, and disabling someone ends their sessions at once.
 */
export async function updateCommuneMember(
  ctx: CommuneCtx,
  membershipId: number,
  input: UpdateMemberInput,
): Promise<void> {
  if (!can(ctx.actor, 'users.manage')) throw forbidden();
  await ctx.db.transaction().execute(async (trx) => {
    await lockMemberships(trx, ctx.commune.id);
    const scope = new TenantScope(trx, ctx.commune.id);
    const m = await members.findMember(scope, membershipId);
    if (!m) throw notFound('Cet utilisateur n’existe pas dans cette commune.');
    await keepAnAdministrator(scope, m, input);
    const now = ctx.now().toISOString();
    await members.updateMembership(scope, membershipId, { role: input.role, active: input.active, now });
    if (input.displayName.trim() !== m.displayName) {
      await users.updateUser(trx, m.userId, { displayName: input.displayName.trim(), now });
    }
    if (m.active && !input.active) await sessions.deleteUserSessions(trx, m.userId);
    await appendAuditEvent(trx, {
      communeId: ctx.commune.id,
      occurredAt: ctx.now(),
      action: 'member.updated',
      actorUserId: actorUserId(ctx.actor),
      objectType: 'user',
      objectId: m.userId,
      details: { role: input.role, active: input.active, previousRole: m.role, previouslyActive: m.active },
    });
  });
}
