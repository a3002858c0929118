import pino from 'pino';
import { systemClock } from '../../src/core/clock.js';
import { systemActor } from '../../src/core/context.js';
import type { Database } from '../../src/db/database.js';
import { seedDemo } from '../../src/demo/demo.js';

/** The password of every demo account in tests. */
export const TEST_PASSWORD = 'mot-de-passe-de-test';

/** Seeds the demo commune (Bellerive-sur-Lys and one account per role) into a migrated database. */
export async function seedTestDemo(db: Database): Promise<void> {
  await seedDemo({ db, now: systemClock, log: pino({ level: 'silent' }), actor: systemActor('test') }, TEST_PASSWORD);
}
