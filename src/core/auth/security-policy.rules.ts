/** Pure rules of the security settings: the required second factor and its grace period, audit retention. */

export interface SecondFactorPolicy {
  requireSecondFactor: boolean;
  graceDays: number;
  /** ISO instant the requirement was turned on (null when it is off). */
  requiredSince: string | null;
}

export const GRACE_DAYS_MAX = 90;
export const DEFAULT_GRACE_DAYS = 14;

/** CNIL (recommandation « journalisation », 2021): 6 months to 1 year by default, up to 3 years. */
export const AUDIT_RETENTION = { min: 180, max: 1095, default: 365 } as const;

export const NO_REQUIREMENT: SecondFactorPolicy = {
  requireSecondFactor: false,
  graceDays: DEFAULT_GRACE_DAYS,
  requiredSince: null,
};

/**
 * The day after which this user cannot go on without a second factor: the earliest among the
 * policies that require one, each counted from when it was turned on, or from the account's
 * creation if it came later (a newcomer gets the same grace). Null: nothing requires it.
 */
export function secondFactorDeadline(policies: SecondFactorPolicy[], userCreatedAt: string): Date | null {
  let deadline: number | null = null;
  for (const p of policies) {
    if (!p.requireSecondFactor || p.requiredSince === null) continue;
    const start = Math.max(Date.parse(p.requiredSince), Date.parse(userCreatedAt));
    const end = start + p.graceDays * 86_400_000;
    deadline = deadline === null ? end : Math.min(deadline, end);
  }
  return deadline === null ? null : new Date(deadline);
}

export type EnrolmentStatus =
  /** Nothing to do (no requirement, or a second factor is already there). */
  | { kind: 'free' }
  /** Required, not yet: the user is reminded until the deadline. */
  | { kind: 'grace'; deadline: Date }
  /** Past the deadline: the user may only enrol. */
  | { kind: 'blocked'; deadline: Date };

export function enrolmentStatus(deadline: Date | null, hasSecondFactor: boolean, now: Date): EnrolmentStatus {
  if (deadline === null || hasSecondFactor) return { kind: 'free' };
  return now.getTime() < deadline.getTime() ? { kind: 'grace', deadline } : { kind: 'blocked', deadline };
}

/** The French problem with a grace period typed in a form, or null. */
export function graceDaysProblem(days: number): string | null {
  if (!Number.isInteger(days) || days < 0 || days > GRACE_DAYS_MAX) {
    return `Le délai doit être un nombre entier de jours, entre 0 et ${GRACE_DAYS_MAX}.`;
  }
  return null;
}

export function retentionProblem(days: number): string | null {
  if (!Number.isInteger(days) || days < AUDIT_RETENTION.min || days > AUDIT_RETENTION.max) {
    return `La durée de conservation doit être comprise entre ${AUDIT_RETENTION.min} et ${AUDIT_RETENTION.max} jours (la CNIL recommande de six mois à un an).`;
  }
  return null;
}

/** When the requirement is switched on, the grace period starts; switched off, it is forgotten. */
export function nextRequiredSince(before: SecondFactorPolicy, requireNow: boolean, now: Date): string | null {
  if (!requireNow) return null;
  return before.requireSecondFactor && before.requiredSince ? before.requiredSince : now.toISOString();
}
