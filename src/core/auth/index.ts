export {
  acceptInvitation,
  createUser,
  findInvitation,
  grantRole,
  inviteMember,
  loadSession,
  resetPassword,
  SIGN_IN_FAILED,
  type SessionUser,
  signIn,
  signOut,
} from './auth.service.js';
export { normalizeEmail, PASSWORD_MIN_LENGTH, passwordProblem, SESSION_ABSOLUTE_MINUTES } from './auth.rules.js';
export { getCommuneMember, listCommuneMembers, type UpdateMemberInput, updateCommuneMember } from './members.service.js';
export type { Member } from './memberships.repo.js';
export { can, type CoreAction, hasRole } from './policy.js';
export { isRole, ROLE_LABELS, ROLES, type Role } from './roles.js';
export { deleteExpiredSessions } from './sessions.repo.js';
export { findUserByEmail, listUserCommunes, type UserRecord } from './users.platform.repo.js';
