export {
  isRecentlyAuthenticated,
  normalizeEmail,
  PASSWORD_MIN_LENGTH,
  passwordProblem,
  REAUTH_MINUTES,
  SESSION_ABSOLUTE_MINUTES,
  SESSION_IDLE_MINUTES,
} from './auth.rules.js';
export {
  createUser,
  grantRole,
  inviteMember,
  loadSession,
  resetPassword,
  type SessionUser,
  SIGN_IN_FAILED,
  signIn,
  signOut,
} from './auth.service.js';
export {
  getCommuneMember,
  listCommuneMembers,
  type UpdateMemberInput,
  updateCommuneMember,
} from './members.service.js';
export type { Member } from './memberships.repo.js';
export {
  completePasskeySignIn,
  listPasskeys,
  PASSKEY_REFUSED,
  type PasskeyRecord,
  passkeyReauthOptions,
  passkeyRegistrationOptions,
  passkeySignInOptions,
  pendingSecondFactors,
  type RelyingParty,
  reauthenticateWithPasskey,
  registerPasskey,
  removePasskey,
} from './passkeys.service.js';
export { acceptInvitation, findInvitation, requestPasswordReset } from './password-links.service.js';
export { type CoreAction, can, hasRole } from './policy.js';
export { reauthenticate, WRONG_PASSWORD, WRONG_REAUTH_CODE } from './reauth.service.js';
export { isRole, ROLE_LABELS, ROLES, type Role } from './roles.js';
export {
  completeSecondFactor,
  confirmTotpEnrolment,
  disableOwnTotp,
  hasSecondFactor,
  hasTotp,
  pendingEnrolment,
  resetMemberTotp,
  startTotpEnrolment,
  usersWithSecondFactor,
} from './second-factor.service.js';
export { AUDIT_RETENTION, type EnrolmentStatus, GRACE_DAYS_MAX } from './security-policy.rules.js';
export {
  auditRetentionDays,
  getCommuneSecurityPolicy,
  getPlatformSecurityPolicy,
  type PolicyRow,
  secondFactorStatus,
  setCommuneSecondFactorPolicy,
  setPlatformSecurityPolicy,
} from './security-policy.service.js';
export {
  deleteExpiredSessions,
  deleteUserSession,
  listUserSessions,
  type SessionSummary,
} from './sessions.repo.js';
export { purgeFailures } from './throttle.repo.js';
export { RECOVERY_CODE_COUNT } from './totp.js';
export { findUserByEmail, listUserCommunes, type UserRecord } from './users.platform.repo.js';
