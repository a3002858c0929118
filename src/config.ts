import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/**
 * The only reader of process.env. Every variable is validated at start; all problems are listed
 * at once, each naming its variable, and nothing is transformed silently.
 */

const booleanString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const optionalNonEmpty = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const WORKERS_MESSAGE = 'must be a whole number from 1 to 64, or auto (one per CPU core)';

const envSchema = z.object({
  CLOCHER_DATABASE_URL: optionalNonEmpty.pipe(
    z
      .string()
      .regex(/^(postgres(ql)?:\/\/|sqlite:|file:)/, {
        message: 'must start with postgres://, postgresql://, sqlite: or file:',
      })
      .optional(),
  ),
  CLOCHER_DATA_DIR: optionalNonEmpty.pipe(z.string().optional()),
  CLOCHER_HOST: optionalNonEmpty.pipe(z.string().optional()),
  CLOCHER_PORT: optionalNonEmpty.pipe(
    z
      .string()
      .regex(/^\d{1,5}$/, { message: 'must be a port number between 0 and 65535' })
      .transform(Number)
      .refine((n) => n <= 65535, { message: 'must be a port number between 0 and 65535' })
      .optional(),
  ),
  CLOCHER_PUBLIC_URL: optionalNonEmpty.pipe(
    z.url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' }).optional(),
  ),
  CLOCHER_TRUST_PROXY: optionalNonEmpty.pipe(booleanString.optional()),
  CLOCHER_SECRET: optionalNonEmpty.pipe(
    z.string().min(32, { message: 'must be at least 32 characters long' }).optional(),
  ),
  CLOCHER_DEMO: optionalNonEmpty.pipe(booleanString.optional()),
  CLOCHER_DEMO_PASSWORD: optionalNonEmpty.pipe(
    z.string().min(12, { message: 'must be at least 12 characters long' }).optional(),
  ),
  CLOCHER_DEFAULT_COMMUNE: optionalNonEmpty.pipe(
    z
      .string()
      .regex(/^[a-z0-9-]+$/, { message: 'must be a commune slug (lowercase letters, digits, dashes)' })
      .optional(),
  ),
  CLOCHER_SMTP_URL: optionalNonEmpty.pipe(
    z.url({ protocol: /^smtps?$/, message: 'must be an smtp:// or smtps:// URL' }).optional(),
  ),
  CLOCHER_MAIL_FROM: optionalNonEmpty.pipe(z.email({ message: 'must be an e-mail address' }).optional()),
  CLOCHER_PAGE_CACHE: optionalNonEmpty.pipe(booleanString.optional()),
  // Where the platform looks for new releases (see docs/UPDATES.md), and what identifies this build.
  CLOCHER_UPDATE_FEED: optionalNonEmpty.pipe(
    z.url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' }).optional(),
  ),
  CLOCHER_BUILD: optionalNonEmpty.pipe(
    z
      .string()
      .regex(/^[\w.+-]{1,64}$/, { message: 'must be 1 to 64 letters, digits, dots, dashes, plus signs or underscores' })
      .optional(),
  ),
  CLOCHER_WORKERS: optionalNonEmpty.pipe(
    z
      .string()
      .regex(/^(auto|\d{1,2})$/, { message: WORKERS_MESSAGE })
      .transform((v) => (v === 'auto' ? os.availableParallelism() : Number(v)))
      .refine((n) => n >= 1 && n <= 64, { message: WORKERS_MESSAGE })
      .optional(),
  ),
  CLOCHER_LOG_LEVEL: optionalNonEmpty.pipe(
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  ),
  // Backups (see core/backup): the passphrase only unlocks the private key, to verify or restore.
  CLOCHER_BACKUP_PASSPHRASE: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' ? undefined : v))
    .pipe(z.string().min(12, { message: 'must be at least 12 characters long' }).optional()),
  CLOCHER_BACKUP_DIR: optionalNonEmpty.pipe(z.string().optional()),
  CLOCHER_BACKUP_PUBLIC_KEY: optionalNonEmpty.pipe(z.string().optional()),
  CLOCHER_BACKUP_PRIVATE_KEY: optionalNonEmpty.pipe(z.string().optional()),
  CLOCHER_BACKUP_SCHEDULE: optionalNonEmpty.pipe(
    z
      .string()
      .regex(/^(off|daily at \d{2}:\d{2}|every \d{1,4} minutes?)$/, {
        message: 'must be "off", "daily at HH:MM" or "every N minutes"',
      })
      .optional(),
  ),
  CLOCHER_BACKUP_S3_ENDPOINT: optionalNonEmpty.pipe(
    z.url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' }).optional(),
  ),
  CLOCHER_BACKUP_S3_REGION: optionalNonEmpty.pipe(z.string().optional()),
  CLOCHER_BACKUP_S3_BUCKET: optionalNonEmpty.pipe(z.string().optional()),
  CLOCHER_BACKUP_S3_PREFIX: optionalNonEmpty.pipe(z.string().optional()),
  CLOCHER_BACKUP_S3_ACCESS_KEY_ID: optionalNonEmpty.pipe(z.string().optional()),
  CLOCHER_BACKUP_S3_SECRET_ACCESS_KEY: optionalNonEmpty.pipe(z.string().optional()),
  CLOCHER_BACKUP_S3_LOCK_DAYS: optionalNonEmpty.pipe(
    z
      .string()
      .regex(/^\d{1,4}$/, { message: 'must be a number of days' })
      .transform(Number)
      .optional(),
  ),
});

/** Where and when backups go (see core/backup). */
export interface BackupConfig {
  readonly dir: string;
  readonly publicKeyFile: string;
  readonly privateKeyFile: string;
  /** Unlocks the private key; undefined: the server backs up but cannot verify. */
  readonly passphrase: string | undefined;
  /** A job schedule ("daily at 03:15"), or null when the server does not back up by itself. */
  readonly schedule: string | null;
  readonly s3: BackupS3Config | undefined;
}

export interface BackupS3Config {
  readonly endpoint: string | undefined;
  readonly region: string;
  readonly bucket: string;
  readonly prefix: string;
  readonly accessKeyId: string | undefined;
  readonly secretAccessKey: string | undefined;
  /** Days of object lock (compliance mode) set on each object; 0: the bucket's default, if any. */
  readonly lockDays: number;
}

export type DatabaseConfig = { engine: 'sqlite'; filename: string } | { engine: 'postgres'; connectionString: string };

export interface Config {
  readonly database: DatabaseConfig;
  readonly dataDir: string;
  readonly host: string;
  readonly port: number;
  /** Absolute origin of the public site, without trailing slash. */
  readonly publicUrl: string;
  /** True when the public URL is https: Secure and __Host- cookies, HSTS. */
  readonly secure: boolean;
  readonly trustProxy: boolean;
  /** Undefined means: generate one and keep it in the data dir (see core/secret.ts). */
  readonly secret: string | undefined;
  readonly demo: boolean;
  readonly demoPassword: string | undefined;
  readonly defaultCommune: string | undefined;
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  readonly logLevel: string;
  /** Cache rendered public pages (on by default; off to measure rendering itself). */
  readonly pageCache: boolean;
  /** URL of the release feed checked for updates (docs/UPDATES.md); undefined: no check. */
  readonly updateFeed: string | undefined;
  /** Identifies the build beside the version (a commit, a package release); undefined: read from .git if any. */
  readonly build: string | undefined;
  /** Web server processes sharing the port (1: one process, no cluster). */
  readonly workers: number;
  readonly backup: BackupConfig;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment into a frozen Config, or throws a ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${String(issue.path[0])} ${issue.message}`);
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  const dataDir = path.resolve(cwd, e.CLOCHER_DATA_DIR ?? 'data');
  const host = e.CLOCHER_HOST ?? '127.0.0.1';
  const port = e.CLOCHER_PORT ?? 3000;
  const database = parseDatabaseUrl(e.CLOCHER_DATABASE_URL, dataDir);
  if (database.engine === 'sqlite' && database.filename === ':memory:' && (e.CLOCHER_WORKERS ?? 1) > 1) {
    throw new ConfigError([
      'CLOCHER_WORKERS must be 1 with an in-memory SQLite database (each process would have its own)',
    ]);
  }
  const publicUrl = (e.CLOCHER_PUBLIC_URL ?? `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`).replace(
    /\/+$/,
    '',
  );
  return Object.freeze({
    database,
    dataDir,
    host,
    port,
    publicUrl,
    secure: publicUrl.startsWith('https://'),
    trustProxy: e.CLOCHER_TRUST_PROXY ?? false,
    secret: e.CLOCHER_SECRET,
    demo: e.CLOCHER_DEMO ?? true,
    demoPassword: e.CLOCHER_DEMO_PASSWORD,
    defaultCommune: e.CLOCHER_DEFAULT_COMMUNE,
    smtpUrl: e.CLOCHER_SMTP_URL,
    mailFrom: e.CLOCHER_MAIL_FROM ?? `no-reply@${new URL(publicUrl).hostname.replace(/^127\.0\.0\.1$/, 'localhost')}`,
    logLevel: e.CLOCHER_LOG_LEVEL ?? 'info',
    pageCache: e.CLOCHER_PAGE_CACHE ?? true,
    updateFeed: e.CLOCHER_UPDATE_FEED,
    build: e.CLOCHER_BUILD,
    workers: e.CLOCHER_WORKERS ?? 1,
    backup: backupConfig(e, dataDir, cwd),
  });
}

function backupConfig(e: z.infer<typeof envSchema>, dataDir: string, cwd: string): BackupConfig {
  const s3 = e.CLOCHER_BACKUP_S3_BUCKET
    ? Object.freeze({
        endpoint: e.CLOCHER_BACKUP_S3_ENDPOINT,
        region: e.CLOCHER_BACKUP_S3_REGION ?? 'us-east-1',
        bucket: e.CLOCHER_BACKUP_S3_BUCKET,
        prefix: e.CLOCHER_BACKUP_S3_PREFIX ?? '',
        accessKeyId: e.CLOCHER_BACKUP_S3_ACCESS_KEY_ID,
        secretAccessKey: e.CLOCHER_BACKUP_S3_SECRET_ACCESS_KEY,
        lockDays: e.CLOCHER_BACKUP_S3_LOCK_DAYS ?? 0,
      })
    : undefined;
  return Object.freeze({
    dir: path.resolve(cwd, e.CLOCHER_BACKUP_DIR ?? path.join(dataDir, 'backups')),
    publicKeyFile: path.resolve(cwd, e.CLOCHER_BACKUP_PUBLIC_KEY ?? path.join(dataDir, 'backup-public.pem')),
    privateKeyFile: path.resolve(cwd, e.CLOCHER_BACKUP_PRIVATE_KEY ?? path.join(dataDir, 'backup-private.pem')),
    passphrase: e.CLOCHER_BACKUP_PASSPHRASE,
    schedule: e.CLOCHER_BACKUP_SCHEDULE === 'off' ? null : (e.CLOCHER_BACKUP_SCHEDULE ?? 'daily at 03:15'),
    s3,
  });
}

function parseDatabaseUrl(url: string | undefined, dataDir: string): DatabaseConfig {
  if (url === undefined) return { engine: 'sqlite', filename: path.join(dataDir, 'clocher.sqlite') };
  if (url.startsWith('postgres')) return { engine: 'postgres', connectionString: url };
  const file = url.replace(/^(sqlite|file):(\/\/)?/, '');
  return { engine: 'sqlite', filename: file === ':memory:' ? file : path.resolve(file) };
}
