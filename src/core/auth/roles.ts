/** Roles a user holds in a commune. A secrétaire shared by three villages holds three memberships. */
export const ROLES = ['administrateur', 'secretaire', 'agent', 'elu'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  administrateur: 'Administrateur',
  secretaire: 'Secrétaire de mairie',
  agent: 'Agent',
  elu: 'Élu',
};

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);
