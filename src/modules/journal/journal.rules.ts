/** What the journal shows of each action, in French; an unknown action is shown as it is. */
export const ACTION_LABELS: Record<string, string> = {
  'auth.signed_in': 'Connexion',
  'auth.signed_out': 'Déconnexion',
  'auth.sign_in_failed': 'Échec de connexion',
  'auth.sign_in_throttled': 'Connexion suspendue (trop de tentatives)',
  'auth.second_factor_enabled': 'Double authentification activée',
  'auth.second_factor_disabled': 'Double authentification désactivée',
  'auth.second_factor_reset': 'Double authentification réinitialisée',
  'auth.recovery_code_used': 'Code de secours utilisé',
  'auth.passkey_added': 'Clé d’accès ajoutée',
  'auth.passkey_removed': 'Clé d’accès supprimée',
  'auth.passkey_refused': 'Clé d’accès refusée',
  'auth.reauthenticated': 'Identité confirmée',
  'auth.reauthentication_failed': 'Échec de confirmation d’identité',
  'member.invited': 'Invitation',
  'member.updated': 'Utilisateur modifié',
  'member.role_granted': 'Rôle attribué',
  'user.password_reset_requested': 'Demande de nouveau mot de passe',
  'user.password_reset_by_link': 'Nouveau mot de passe choisi',
  'user.invitation_accepted': 'Invitation acceptée',
  'commune.settings_changed': 'Réglages de la commune modifiés',
  'securite.policy_changed': 'Règles de sécurité modifiées',
  'securite.point_checked': 'Bonne pratique cochée',
  'securite.point_unchecked': 'Bonne pratique décochée',
  'demarches.demande_deposee': 'Demande déposée',
  'demarches.statut_change': 'Statut d’une demande changé',
  'demarches.message_usager': 'Message à l’usager',
  'export.demandes': 'Export des demandes',
  'export.journal': 'Export du journal',
  'audit.purged': 'Purge des événements anciens',
};

export const actionLabel = (action: string): string => ACTION_LABELS[action] ?? action;

export const PAGE_SIZE = 50;
/** An export holds at most this many events (a year of a small commune is far below). */
export const EXPORT_MAX = 50_000;

/** The offset of a page (1-based). */
export const pageOffset = (page: number): number => (Math.max(1, page) - 1) * PAGE_SIZE;

export const pageCount = (total: number): number => Math.max(1, Math.ceil(total / PAGE_SIZE));
