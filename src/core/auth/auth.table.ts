import type { Generated, Selectable } from 'kysely';

export interface AppUserTable {
  id: Generated<number>;
  email: string;
  display_name: string;
  password_hash: string | null;
  is_operator: Generated<number>;
  disabled: Generated<number>;
  created_at: string;
  updated_at: string;
  last_sign_in_at: string | null;
}

export interface MembershipTable {
  id: Generated<number>;
  commune_id: number;
  user_id: number;
  role: string;
  active: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface UserSessionTable {
  /** SHA-256 of the token held in the cookie: a leaked table does not give sessions away. */
  id: string;
  user_id: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
  /** Last proof of identity for a sensitive action (sign-in counts through created_at). */
  reauthenticated_at: string | null;
}

export interface UserTokenTable {
  /** SHA-256 of the token sent by e-mail. */
  id: string;
  user_id: number;
  commune_id: number | null;
  purpose: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export type AppUserRow = Selectable<AppUserTable>;

export interface SignInFailureTable {
  id: Generated<number>;
  at: string;
  account_key: string;
  ip_key: string;
}

export interface UserTotpTable {
  user_id: number;
  secret_enc: string;
  confirmed_at: string | null;
  /** JSON array of SHA-256 hashes of the unused recovery codes. */
  recovery_codes: Generated<string>;
  last_step: Generated<number>;
  created_at: string;
}
