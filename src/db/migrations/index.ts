import type { Migration } from 'kysely';
import * as coreTenancy from './202611281800_core_tenancy.js';
import * as coreUsers from './202611281801_core_users.js';
import * as coreAudit from './202611281802_core_audit.js';
import * as coreMail from './202611281803_core_mail.js';
import * as coreJobs from './202611281804_core_jobs.js';
import * as coreFiles from './202611281805_core_files.js';
import * as sitePages from './202611281810_site_pages.js';
import * as coreContent from './202611281900_core_content.js';
import * as actualitesTables from './202611282000_actualites_tables.js';
import * as agendaTables from './202611282001_agenda_tables.js';
import * as cantineTables from './202611282010_cantine_tables.js';
import * as alertesTables from './202611282020_alertes_tables.js';
import * as coreMailHeaders from './202611282021_core_mail_headers.js';
import * as mediasTables from './202611282030_medias_tables.js';
import * as barometreTables from './202611282100_barometre_tables.js';
import * as importWordpressTables from './202611282120_import_wordpress_tables.js';
import * as demarchesTables from './202611282200_demarches_tables.js';
import * as demarchesSalles from './202611282201_demarches_salles.js';
import * as authSignInAttempts from './202611282300_auth_sign_in_attempts.js';
import * as authTotp from './202611282301_auth_totp.js';
import * as securiteChecklist from './202611282302_securite_checklist.js';
import * as conseilTables from './202611290100_conseil_tables.js';
import * as actesTables from './202611290200_actes_tables.js';
import * as actesIndexes from './202611290201_actes_indexes.js';
import * as coreBackupRuns from './202611290300_core_backup_runs.js';
import * as authPasskeys from './202611290400_auth_passkeys.js';
import * as authSecurityPolicy from './202611290401_auth_security_policy.js';
import * as auditCheckpoint from './202611290402_audit_checkpoint.js';
import * as rgpdTables from './202611290450_rgpd_tables.js';
import * as demarchesAccusePdf from './202611290500_demarches_accuse_pdf.js';
import * as demarchesBuilder from './202611290550_demarches_builder.js';
import * as securiteUpdateCheck from './202611290620_securite_update_check.js';
import * as actesRegisterIndex from './202611290710_actes_register_index.js';

/** The one timeline of migrations, in order. Append only; never edit a merged migration. */
export const migrations: Record<string, Migration> = {
  '202611281800_core_tenancy': coreTenancy,
  '202611281801_core_users': coreUsers,
  '202611281802_core_audit': coreAudit,
  '202611281803_core_mail': coreMail,
  '202611281804_core_jobs': coreJobs,
  '202611281805_core_files': coreFiles,
  '202611281810_site_pages': sitePages,
  '202611281900_core_content': coreContent,
  '202611282030_medias_tables': mediasTables,
  '202611282300_auth_sign_in_attempts': authSignInAttempts,
  '202611282301_auth_totp': authTotp,
  '202611282302_securite_checklist': securiteChecklist,
  '202611290400_auth_passkeys': authPasskeys,
  '202611290401_auth_security_policy': authSecurityPolicy,
  '202611290402_audit_checkpoint': auditCheckpoint,
  '202611282000_actualites_tables': actualitesTables,
  '202611282001_agenda_tables': agendaTables,
  '202611282010_cantine_tables': cantineTables,
  '202611282020_alertes_tables': alertesTables,
  '202611282021_core_mail_headers': coreMailHeaders,
  '202611282100_barometre_tables': barometreTables,
  '202611282120_import_wordpress_tables': importWordpressTables,
  '202611282200_demarches_tables': demarchesTables,
  '202611282201_demarches_salles': demarchesSalles,
  '202611290100_conseil_tables': conseilTables,
  '202611290200_actes_tables': actesTables,
  '202611290201_actes_indexes': actesIndexes,
  '202611290450_rgpd_tables': rgpdTables,
  '202611290500_demarches_accuse_pdf': demarchesAccusePdf,
  '202611290550_demarches_builder': demarchesBuilder,
  '202611290300_core_backup_runs': coreBackupRuns,
  '202611290620_securite_update_check': securiteUpdateCheck,
  '202611290710_actes_register_index': actesRegisterIndex,
};
