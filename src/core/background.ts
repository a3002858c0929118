import path from 'node:path';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { alertesJobHandlers } from '../modules/alertes/index.js';
import { demarchesMailRenderers } from '../modules/demarches/index.js';
import { rgpdPeriodicJobs } from '../modules/rgpd/index.js';
import { updateCheckJobs } from '../modules/securite/index.js';
import { purgeExpiredAuditEvents } from './audit/index.js';
import { auditRetentionDays, deleteExpiredSessions, purgeFailures, SESSION_IDLE_MINUTES } from './auth/index.js';
import { backupPeriodicJob } from './backup/index.js';
import type { Clock } from './clock.js';
import type { Log } from './context.js';
import { DiskFileStore, type FileStore } from './files/index.js';
import { bumpContentVersion, CONTENT_CHANGE_JOB } from './http/page-cache.js';
import { type JobHandler, JobRunner, type PeriodicJob } from './jobs/index.js';
import { deliverDueMails, fileTransport, type MailTransport, smtpTransport } from './mail/index.js';

export function mailTransportFor(config: Config): MailTransport {
  return config.smtpUrl ? smtpTransport(config.smtpUrl) : fileTransport(path.join(config.dataDir, 'mail'));
}

/**
 * The server's own background work: the mail outbox (polled every few seconds, so that an
 * acknowledgement leaves at once) and the job runner (scheduled and periodic jobs). Modules add
 * their handlers here as they need them.
 */
export function startBackgroundWork(deps: {
  db: Database;
  config: Config;
  now: Clock;
  log: Log;
  transport: MailTransport;
  handlers?: Record<string, JobHandler>;
  periodic?: PeriodicJob[];
  mailIntervalMs?: number;
  /** Where rendered attachments are stored (default: the data dir's files, as server.ts has it). */
  files?: FileStore;
}): { stop(): Promise<void> } {
  const { db, now, log, transport } = deps;
  const runner = new JobRunner({
    db,
    now,
    log,
    handlers: {
      // A scheduled publication (or an alert's end) has come: other processes drop their cached pages.
      [CONTENT_CHANGE_JOB]: async (_payload, ctx) => {
        if (ctx.communeId !== null) await bumpContentVersion(ctx.db, ctx.communeId);
      },
      // An alert that starts is mailed to its subscribers.
      ...alertesJobHandlers({ publicUrl: deps.config.publicUrl }),
      ...deps.handlers,
    },
    periodic: [
      {
        name: 'auth.purge_sessions',
        schedule: 'every 60 minutes',
        handler: async (ctx) => {
          const n = await deleteExpiredSessions(ctx.db, ctx.now(), SESSION_IDLE_MINUTES);
          const failures = await purgeFailures(ctx.db, new Date(ctx.now().getTime() - 24 * 3600_000));
          if (n + failures > 0)
            ctx.log.info({ sessions: n, failures }, 'expired sessions and old sign-in failures purged');
        },
      },
      // Personal data past its retention period: bordereaux d'élimination, anonymization.
      ...rgpdPeriodicJobs(deps.files ?? new DiskFileStore(path.join(deps.config.dataDir, 'files'))),
      {
        // Audit events past the retention (platform setting, 1 year by default) are purged; the
        // chain keeps a checkpoint so that `clocher audit verify` still checks what remains.
        name: 'audit.purge',
        schedule: 'daily at 03:40',
        handler: async (ctx) => {
          const n = await purgeExpiredAuditEvents(ctx.db, await auditRetentionDays(ctx.db), ctx.now());
          if (n > 0) ctx.log.info({ events: n }, 'audit events past the retention purged');
        },
      },
      // The daily encrypted backup (CLOCHER_BACKUP_SCHEDULE), verified when the passphrase is set.
      ...backupPeriodicJob(deps.config),
      // The release feed (CLOCHER_UPDATE_FEED), read every six hours for /admin/securite.
      ...updateCheckJobs(deps.config),
      ...(deps.periodic ?? []),
    ],
  });
  runner.start(30_000);

  // Attachments produced at sending time (the accusé de réception PDF…), by name.
  const files = deps.files ?? new DiskFileStore(path.join(deps.config.dataDir, 'files'));
  const renderers = { ...demarchesMailRenderers({ db, files, log }) };
  let mailTick: Promise<unknown> = Promise.resolve();
  let stopped = false;
  // A full batch means more are waiting (a burst of submissions): the next one is taken at once.
  const drainMails = async (): Promise<void> => {
    const batch = 20;
    while (!stopped) {
      const done = await deliverDueMails({ db, transport, from: deps.config.mailFrom, now, log, renderers }, batch);
      if (done.sent + done.failed < batch) return;
    }
  };
  const timer = setInterval(() => {
    mailTick = mailTick.then(drainMails).catch((err) => log.error({ err }, 'mail delivery failed'));
  }, deps.mailIntervalMs ?? 2_000);
  timer.unref();

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await mailTick;
      await runner.stop();
      transport.close();
    },
  };
}
