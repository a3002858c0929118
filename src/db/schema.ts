import type { AuditChainTable, AuditCheckpointTable, AuditEventTable } from '../core/audit/audit.table.js';
import type {
  AppUserTable,
  MembershipTable,
  SignInFailureTable,
  UserSessionTable,
  UserTokenTable,
  UserTotpTable,
} from '../core/auth/auth.table.js';
import type {
  SecurityPolicyTable,
  WebauthnChallengeTable,
  WebauthnCredentialTable,
} from '../core/auth/security.table.js';
import type { BackupRunTable } from '../core/backup/backup.table.js';
import type { RevisionTable, SearchDocumentTable } from '../core/content/content.table.js';
import type { StoredFileTable } from '../core/files/files.table.js';
import type { JobScheduleTable, JobTable } from '../core/jobs/jobs.table.js';
import type { MailOutboxTable } from '../core/mail/mail.table.js';
import type { CommuneHostTable, CommuneTable, EpciTable } from '../core/tenancy/tenancy.table.js';
import type {
  ActeAnnexeTable,
  ActeClassificationTable,
  ActeEchangeTable,
  ActeRegistreTable,
  ActeReglageTable,
  ActeTable,
} from '../modules/actes/actes.table.js';
import type { ActualiteTable } from '../modules/actualites/actualites.table.js';
import type { EvenementTable } from '../modules/agenda/agenda.table.js';
import type { AlerteAbonneTable, AlerteJetonTable, AlerteTable } from '../modules/alertes/alertes.table.js';
import type {
  BarometreCampagneTable,
  BarometreParametreTable,
  BarometreReponseTable,
} from '../modules/barometre/barometre.table.js';
import type {
  CantineEgalimTable,
  CantineMenuPlatTable,
  CantineMenuTable,
  CantinePlatTable,
  CantineRestaurantTable,
} from '../modules/cantine/cantine.table.js';
import type {
  ConseilConvocationTable,
  ConseilDocumentTable,
  ConseilMembreTable,
  ConseilPointTable,
  ConseilPresenceTable,
  ConseilProcurationTable,
  ConseilReglagesTable,
  ConseilSeanceTable,
  ConseilTourTable,
  ConseilVoteNominatifTable,
} from '../modules/conseil/conseil.table.js';
import type {
  DemandeCompteurTable,
  DemandeEvenementTable,
  DemandePieceTable,
  DemandeTable,
  DemarcheRevisionTable,
  DemarcheTypeTable,
  SalleCreneauTable,
  SalleTable,
} from '../modules/demarches/demarches.table.js';
import type { WordpressImportItemTable } from '../modules/import-wordpress/import-wordpress.table.js';
import type { MediaTable } from '../modules/medias/medias.table.js';
import type {
  RgpdBordereauTable,
  RgpdConservationTable,
  RgpdEliminationTable,
  RgpdTraitementTable,
} from '../modules/rgpd/rgpd.table.js';
import type { SecuritePointTable, SecuriteUpdateCheckTable } from '../modules/securite/securite.table.js';
import type { PageTable } from '../modules/site/site.table.js';

/** The whole schema, assembled from the table files of core and of each module. */
export interface DB {
  epci: EpciTable;
  commune: CommuneTable;
  commune_host: CommuneHostTable;
  app_user: AppUserTable;
  membership: MembershipTable;
  user_session: UserSessionTable;
  user_token: UserTokenTable;
  sign_in_failure: SignInFailureTable;
  user_totp: UserTotpTable;
  webauthn_credential: WebauthnCredentialTable;
  webauthn_challenge: WebauthnChallengeTable;
  security_policy: SecurityPolicyTable;
  securite_point: SecuritePointTable;
  securite_update_check: SecuriteUpdateCheckTable;
  audit_chain: AuditChainTable;
  audit_event: AuditEventTable;
  audit_checkpoint: AuditCheckpointTable;
  mail_outbox: MailOutboxTable;
  job: JobTable;
  job_schedule: JobScheduleTable;
  backup_run: BackupRunTable;
  stored_file: StoredFileTable;
  page: PageTable;
  revision: RevisionTable;
  search_document: SearchDocumentTable;
  media: MediaTable;
  actualite: ActualiteTable;
  evenement: EvenementTable;
  alerte: AlerteTable;
  alerte_abonne: AlerteAbonneTable;
  alerte_jeton: AlerteJetonTable;
  cantine_restaurant: CantineRestaurantTable;
  cantine_plat: CantinePlatTable;
  cantine_menu: CantineMenuTable;
  cantine_menu_plat: CantineMenuPlatTable;
  cantine_egalim: CantineEgalimTable;
  barometre_campagne: BarometreCampagneTable;
  barometre_reponse: BarometreReponseTable;
  barometre_parametre: BarometreParametreTable;
  wordpress_import_item: WordpressImportItemTable;
  demarche_type: DemarcheTypeTable;
  demarche_revision: DemarcheRevisionTable;
  demande_compteur: DemandeCompteurTable;
  demande: DemandeTable;
  demande_evenement: DemandeEvenementTable;
  demande_piece: DemandePieceTable;
  salle: SalleTable;
  salle_creneau: SalleCreneauTable;
  rgpd_traitement: RgpdTraitementTable;
  rgpd_conservation: RgpdConservationTable;
  rgpd_bordereau: RgpdBordereauTable;
  rgpd_elimination: RgpdEliminationTable;
  conseil_membre: ConseilMembreTable;
  conseil_reglages: ConseilReglagesTable;
  conseil_seance: ConseilSeanceTable;
  conseil_point: ConseilPointTable;
  conseil_document: ConseilDocumentTable;
  conseil_convocation: ConseilConvocationTable;
  conseil_presence: ConseilPresenceTable;
  conseil_procuration: ConseilProcurationTable;
  conseil_vote_nominatif: ConseilVoteNominatifTable;
  conseil_tour: ConseilTourTable;
  acte: ActeTable;
  acte_annexe: ActeAnnexeTable;
  acte_registre: ActeRegistreTable;
  acte_classification: ActeClassificationTable;
  acte_reglage: ActeReglageTable;
  acte_echange: ActeEchangeTable;
}

/** Tables whose rows belong to one commune: they are reached through a TenantScope only. */
export type TenantTable = {
  [K in keyof DB]: DB[K] extends { commune_id: number } ? K : never;
}[keyof DB];
