import type { TenantScope } from '../tenancy/tenant-scope.js';
import { isRole, type Role } from './roles.js';

/** A user's place in one commune. Tenant-owned: always read through the commune's scope. */
export interface Member {
  membershipId: number;
  userId: number;
  email: string;
  displayName: string;
  role: Role;
  active: boolean;
  userDisabled: boolean;
  lastSignInAt: string | null;
}

function memberQuery(scope: TenantScope) {
  return scope
    .selectFrom('membership')
    .innerJoin('app_user', 'app_user.id', 'membership.user_id')
    .select([
      'membership.id as membership_id',
      'membership.user_id',
      'membership.role',
      'membership.active',
      'app_user.email',
      'app_user.display_name',
      'app_user.disabled',
      'app_user.last_sign_in_at',
    ]);
}

type MemberRow = Awaited<ReturnType<ReturnType<typeof memberQuery>['executeTakeFirstOrThrow']>>;

const toMember = (r: MemberRow): Member => ({
  membershipId: r.membership_id,
  userId: r.user_id,
  email: r.email,
  displayName: r.display_name,
  role: isRole(r.role) ? r.role : 'agent',
  active: r.active === 1,
  userDisabled: r.disabled === 1,
  lastSignInAt: r.last_sign_in_at,
});

export async function listMembers(scope: TenantScope): Promise<Member[]> {
  const rows = await memberQuery(scope).orderBy('app_user.display_name').execute();
  return rows.map(toMember);
}

export async function findMember(scope: TenantScope, membershipId: number): Promise<Member | undefined> {
  const r = await memberQuery(scope).where('membership.id', '=', membershipId).executeTakeFirst();
  return r && toMember(r);
}

export async function findMemberByUser(scope: TenantScope, userId: number): Promise<Member | undefined> {
  const r = await memberQuery(scope).where('membership.user_id', '=', userId).executeTakeFirst();
  return r && toMember(r);
}

export async function insertMembership(scope: TenantScope, userId: number, role: Role, now: string): Promise<number> {
  const r = await scope
    .insertInto('membership', { user_id: userId, role, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateMembership(
  scope: TenantScope,
  membershipId: number,
  v: { role?: Role; active?: boolean; now: string },
): Promise<void> {
  await scope
    .updateTable('membership')
    .set({
      updated_at: v.now,
      ...(v.role !== undefined && { role: v.role }),
      ...(v.active !== undefined && { active: v.active ? 1 : 0 }),
    })
    .where('id', '=', membershipId)
    .execute();
}

export async function countActiveAdministrators(scope: TenantScope): Promise<number> {
  const r = await scope
    .selectFrom('membership')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'administrateur')
    .where('active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
