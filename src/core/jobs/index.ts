export {
  type JobCtx,
  type JobHandler,
  type JobInput,
  JobRunner,
  type JobRunnerOptions,
  type PeriodicCtx,
  type PeriodicJob,
  type RunSummary,
  scheduleJob,
} from './jobs.js';
export { MAX_ATTEMPTS as JOB_MAX_ATTEMPTS, nextRunAt, parseSchedule, type Schedule } from './jobs.rules.js';
