/** Pure rules of accounts and sessions. */

export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblem } from './password.rules.js';

/** Session lifetime: closed after 2 h without activity, and 12 h after sign-in in any case. */
export const SESSION_IDLE_MINUTES = 120;
export const SESSION_ABSOLUTE_MINUTES = 12 * 60;
/** last_seen_at is written at most this often, so that reading pages costs no write. */
export const SESSION_TOUCH_MINUTES = 1;

/** Invitation links stay valid 7 days; reset links 1 hour. */
/** Invitation links 7 days; reset links 1 hour; the step between password and second factor 5 minutes. */
export const TOKEN_LIFETIME_MINUTES = { invitation: 7 * 24 * 60, reset: 60, mfa: 5 } as const;
export type TokenPurpose = keyof typeof TOKEN_LIFETIME_MINUTES;

/** A sensitive action (role change, export of personal data) needs a proof of identity this recent. */
export const REAUTH_MINUTES = 10;

/** Did the user sign in, or prove who they are again, in the last REAUTH_MINUTES? */
export function isRecentlyAuthenticated(
  s: { createdAt: string; reauthenticatedAt: string | null },
  now: Date,
): boolean {
  const last = Math.max(Date.parse(s.createdAt), s.reauthenticatedAt ? Date.parse(s.reauthenticatedAt) : 0);
  return now.getTime() - last < REAUTH_MINUTES * 60_000 && last <= now.getTime() + 60_000;
}

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

export interface SessionTimes {
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

/** Is a session still valid at `now`? (idle and absolute timeouts) */
export function sessionIsValid(s: SessionTimes, now: Date): boolean {
  const t = now.getTime();
  return (
    t < Date.parse(s.expiresAt) &&
    t < Date.parse(s.lastSeenAt) + SESSION_IDLE_MINUTES * 60_000 &&
    t < Date.parse(s.createdAt) + SESSION_ABSOLUTE_MINUTES * 60_000
  );
}

export const sessionNeedsTouch = (s: SessionTimes, now: Date): boolean =>
  now.getTime() - Date.parse(s.lastSeenAt) >= SESSION_TOUCH_MINUTES * 60_000;

/**
 * Password guessing is slowed down: after 10 failures for one account, or 30 from one address,
 * within 15 minutes, sign-in answers « trop de tentatives » for the rest of the window, the same
 * whether the account exists or not.
 */
export const THROTTLE = { windowMinutes: 15, perAccount: 10, perIp: 30 } as const;

export const isThrottled = (accountFailures: number, ipFailures: number): boolean =>
  accountFailures >= THROTTLE.perAccount || ipFailures >= THROTTLE.perIp;

export const TOO_MANY_ATTEMPTS =
  'Trop de tentatives de connexion. Pour protéger les comptes, la connexion est suspendue pendant 15 minutes. Réessayez plus tard.';
