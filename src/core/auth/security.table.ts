import type { Generated } from 'kysely';

export interface WebauthnCredentialTable {
  id: Generated<number>;
  user_id: number;
  /** base64url, as the browser gives it. */
  credential_id: string;
  /** COSE public key, base64url. */
  public_key: string;
  counter: Generated<number>;
  /** JSON array of transports (usb, internal, hybrid…). */
  transports: Generated<string>;
  /** The host the passkey was created on: it works only there. */
  rp_id: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
}

export interface WebauthnChallengeTable {
  /** SHA-256 of `<purpose>:<session or pending token>`. */
  id: string;
  challenge: string;
  expires_at: string;
}

export interface SecurityPolicyTable {
  id: Generated<number>;
  /** null: the platform's row (applies to every commune and to the operator). */
  commune_id: number | null;
  require_second_factor: Generated<number>;
  grace_days: Generated<number>;
  required_since: string | null;
  /** Platform row only: how long audit events are kept. */
  audit_retention_days: number | null;
  updated_at: string;
  updated_by: number | null;
}
