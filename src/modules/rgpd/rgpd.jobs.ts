import { systemActor } from '../../core/context.js';
import type { FileStore } from '../../core/files/index.js';
import type { PeriodicJob } from '../../core/jobs/index.js';
import { findCommuneById } from '../../core/tenancy/index.js';
import { runRetention } from './conservation.service.js';
import { listCommuneIds } from './rgpd.platform.repo.js';

/**
 * The nightly retention job, commune by commune: a commune's failure is logged and does not stop
 * the others (the job runner records the last error).
 */
export function rgpdPeriodicJobs(files: FileStore): PeriodicJob[] {
  return [
    {
      name: 'rgpd.conservation',
      schedule: 'daily at 03:50',
      handler: async (ctx) => {
        const failures: string[] = [];
        for (const id of await listCommuneIds(ctx.db)) {
          const commune = await findCommuneById(ctx.db, id);
          if (!commune) continue;
          try {
            await runRetention({
              db: ctx.db,
              now: ctx.now,
              log: ctx.log,
              actor: systemActor('conservation'),
              commune,
              files,
            });
          } catch (err) {
            ctx.log.error({ err, commune: id }, 'rgpd: retention run failed');
            failures.push(String(id));
          }
        }
        if (failures.length > 0) throw new Error(`retention failed for communes ${failures.join(', ')}`);
      },
    },
  ];
}
