import type { Generated } from 'kysely';

export interface SecuritePointTable {
  id: Generated<number>;
  commune_id: number;
  item: string;
  /** YYYY-MM-DD */
  done_on: string;
  done_by: number | null;
}

/** The last check of the release feed, platform-wide (timestamps ISO-8601 UTC). */
export interface SecuriteUpdateCheckTable {
  feed_url: string;
  checked_at: string;
  /** The last time the feed was read; null: never. */
  succeeded_at: string | null;
  /** The first failure since the last success; null when the last check succeeded. */
  failing_since: string | null;
  /** The highest stable version listed, with its notes' URL (from the last successful check). */
  latest_version: string | null;
  latest_url: string | null;
  /** The highest stable version marked as a security release. */
  security_version: string | null;
  /** Why the last check failed, in French (shown as is). */
  error: string | null;
}
