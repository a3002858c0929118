import type { Generated } from 'kysely';

/** An urgent notice shown as a banner while start <= now < end. */
export interface AlerteTable {
  id: Generated<number>;
  commune_id: number;
  /** coupure_eau | route_barree | meteo | autre */
  kind: string;
  title: string;
  /** Plain text, never HTML. */
  body: string;
  /** information | vigilance | urgence */
  severity: string;
  starts_at: string;
  ends_at: string;
  /** When the mails to the subscribers were queued (once per alert); null before. */
  diffusee_at: string | null;
  created_at: string;
  updated_at: string;
}

/** An e-mail address subscribed to the commune's alerts (double opt-in). */
export interface AlerteAbonneTable {
  id: Generated<number>;
  commune_id: number;
  /** Normalized (trimmed, lower case). */
  email: string;
  /** en_attente | confirme */
  status: string;
  created_at: string;
  /** Last confirmation (or "already subscribed") mail queued: a throttle against mail bombing. */
  last_mail_at: string;
  confirmed_at: string | null;
}

/** Links sent by mail: only the SHA-256 of the token is stored. */
export interface AlerteJetonTable {
  /** SHA-256 (hex) of the token. */
  id: string;
  commune_id: number;
  abonne_id: number;
  /** confirmation | desabonnement */
  purpose: string;
  created_at: string;
  /** Null: valid as long as the subscription exists (unsubscribe links). */
  expires_at: string | null;
  used_at: string | null;
}
