import { Command } from 'commander';
// roles.ts imports nothing: the help names the roles without loading core/auth.
import { ROLES } from '../core/auth/roles.js';
import type { CommandAction } from './cli-context.js';

/**
 * A command's action, imported only when that command runs: `clocher --help` loads commander and
 * this file, and `clocher backup` loads what a backup needs, not the whole application.
 */
function lazy<K extends string, M extends Record<K, CommandAction>>(
  load: () => Promise<M>,
  name: K,
): (...args: unknown[]) => Promise<void> {
  return async (...args) => {
    const module = await load();
    await module[name](...args);
  };
}

const communes = () => import('./commune.commands.js');
const backups = () => import('./backup.commands.js');
const actes = () => import('./actes.commands.js');
const users = () => import('./user.commands.js');

/**
 * The `clocher` command line: `clocher <noun> <verb>`, each a thin call into a service. Every command
 * is declared here (names, arguments, options, help); its action lives in a `*.commands.ts` file.
 */
export function buildCli(): Command {
  const program = new Command('clocher')
    .description('Clocher: e-administration for small French communes. Settings come from CLOCHER_* variables.')
    .showHelpAfterError();

  program
    .command('migrate')
    .description('apply pending database migrations (the server also does it at start)')
    .action(lazy(() => import('./migrate.commands.js'), 'migrate'));

  const commune = program.command('commune').description('manage the communes hosted by the platform');
  commune
    .command('add')
    .description('add a commune from its INSEE code (name, population, département and EPCI from the official data)')
    .argument('<insee>', 'INSEE code of the commune, e.g. 35238 (not the postal code)')
    .option('--host <name>', 'host name that serves its site, e.g. www.mairie-exemple.fr')
    .option('--slug <slug>', 'short name used in the platform (default: from the name)')
    .action(lazy(communes, 'communeAdd'));
  commune.command('list').description('list the communes').action(lazy(communes, 'communeList'));
  commune
    .command('export')
    .description('write all the data of one commune (a CSV and a JSON per table, and its files), for a commune leaving')
    .argument('<slug>', 'the commune, as `clocher commune list` shows it')
    .option('--to <dir>', 'folder to write into (default: the current folder)', '.')
    .option('--zip', 'one zip file instead of a folder')
    .action(lazy(() => import('./commune-export.commands.js'), 'communeExport'));

  program
    .command('audit')
    .description('the tamper-evident audit trail')
    .command('verify')
    .description('recompute the hash chain of the platform and of every commune; exit 1 on any break')
    .action(lazy(() => import('./audit.commands.js'), 'auditVerify'));

  const user = program.command('user').description('manage accounts');
  user
    .command('add')
    .description('create an account, optionally with a role in a commune, or as platform operator')
    .requiredOption('--email <email>', 'e-mail address (the sign-in name)')
    .requiredOption('--name <name>', 'display name, e.g. "Nathalie Dupont"')
    .option('--commune <slug>', 'commune in which to give a role')
    .option('--role <role>', `role in that commune: ${ROLES.join(', ')}`)
    .option('--operator', 'platform operator (manages every commune)')
    .option('--password <password>', 'initial password (default: CLOCHER_NEW_PASSWORD, else generated)')
    .action(lazy(users, 'userAdd'));
  user
    .command('reset-password')
    .description('set a new password for an account and end its sessions')
    .argument('<email>', 'e-mail address of the account')
    .option('--password <password>', 'new password (default: CLOCHER_NEW_PASSWORD, else generated)')
    .action(lazy(users, 'userResetPassword'));

  program
    .command('barometre')
    .description('the baromètre numérique, the yearly survey of communes')
    .command('import')
    .description(
      'import the answers of communes not hosted by the platform from a CSV (code_insee, then one column per question code); all or nothing',
    )
    .argument('<file>', 'CSV file, UTF-8, separated by ";" or ","')
    .option('--campagne <year>', 'year of the campaign (default: the open campaign)')
    .action(lazy(() => import('./barometre.commands.js'), 'barometreImport'));

  program
    .command('import')
    .description('bring content from another system into a commune')
    .command('wordpress')
    .description(
      'import a WordPress export (posts as actualites, pages with their hierarchy, images and PDFs); running it again changes nothing',
    )
    .argument('<export>', 'the WXR file made by WordPress (Tools > Export > All content)')
    .requiredOption('--commune <slug>', 'the commune that receives the content (see `clocher commune list`)')
    .option('--uploads <dir-or-zip>', "the old site's wp-content/uploads folder, or a zip of it")
    .action(lazy(() => import('./import.commands.js'), 'importWordpress'));

  const backup = program
    .command('backup')
    .description('back up the database, the files and the secret, encrypted for the backup key')
    .option('--to <dir>', 'folder to write the backup to (default: CLOCHER_BACKUP_DIR or <data dir>/backups)')
    .action(lazy(backups, 'backup'));
  backup
    .command('init')
    .description('create the backup key pair: the server keeps the public key, you keep the private key and passphrase')
    .option('--private-key <file>', 'where to write the protected private key (default: CLOCHER_BACKUP_PRIVATE_KEY)')
    .action(lazy(backups, 'backupInit'));
  backup
    .command('verify')
    .description('restore a backup into a scratch location and check every checksum and row count')
    .argument('[name]', 'backup name (default: the latest)')
    .option('--from <dir>', 'folder holding the backups (default: the backups folder)')
    .option('--s3', 'take the backup from the configured bucket')
    .action(lazy(backups, 'backupVerify'));
  program
    .command('restore')
    .description('replace the database, the files and the secret by a backup (stop the server first)')
    .argument('<name>', 'backup name, e.g. clocher-2026-11-28T03-15-00Z')
    .option('--from <dir>', 'folder holding the backups (default: the backups folder)')
    .option('--s3', 'take the backup from the configured bucket')
    .option('--yes', 'do not ask for confirmation')
    .action(lazy(backups, 'restore'));

  const acte = program.command('actes').description('the register of administrative acts');
  acte
    .command('import')
    .description(
      'import past acts, published as they were: a CSV (numero;nature;objet;date_decision;matiere;auteur_nom;auteur_qualite;date_publication;fichier) and their PDFs; all or nothing',
    )
    .argument('<csv>', 'CSV file, UTF-8, separated by ";" or ","')
    .argument('<pdfs>', 'folder or zip archive holding the PDFs named in the "fichier" column')
    .requiredOption('--commune <slug>', 'the commune whose register receives the acts (see `clocher commune list`)')
    .action(lazy(actes, 'actesImport'));
  acte
    .command('verify')
    .description(
      'recompute the integrity register of published acts (hash chain, chained facts, document files); exit 1 on any change',
    )
    .option('--commune <slug>', 'only this commune (default: every commune)')
    .action(lazy(actes, 'actesVerify'));
  return program;
}

await buildCli().parseAsync(process.argv);
