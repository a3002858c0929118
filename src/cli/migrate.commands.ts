import { migrateToLatest } from '../db/migrate.js';
import { action, withPlatform } from './cli-context.js';

/** clocher migrate */
export const migrate = action(async () => {
  await withPlatform(async (_ctx, config, db) => {
    const applied = await migrateToLatest(db);
    console.log(
      applied.length === 0
        ? `The ${config.database.engine} database is up to date.`
        : `Applied ${applied.length} migration(s).`,
    );
  });
});
