import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDb } from '../src/db/database.js';
import { demandePdf } from '../src/modules/demarches/demande.pdf.js';
import { ensureBuiltinTypes, getType } from '../src/modules/demarches/demarches.service.js';
import {
  cloturerDemandes,
  dueSummary,
  getDemandeAdmin,
  listInbox,
} from '../src/modules/demarches/instruction.service.js';
import { benchCommune, insertDemandes } from './fixtures.js';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '50000' } } });
const REQUESTS = Number(values.requests);
const STATUSES = ['recue', 'instruction', 'complements', 'acceptee', 'refusee', 'close'];

async function time<T>(label: string, runs: number, fn: () => Promise<T>): Promise<T> {
  let last: T | undefined;
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    last = await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const median = ms[Math.floor(ms.length / 2)] ?? 0;
  console.log(`${label}: median ${median.toFixed(1)} ms, max ${(ms.at(-1) ?? 0).toFixed(1)} ms (${runs} runs)`);
  return last as T;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clocher-bench-dadmin-'));
const db = createDb({ engine: 'sqlite', filename: path.join(dir, 'clocher.sqlite') });
try {
  const now = new Date();
  const ctx = await benchCommune(db, now);
  const { commune } = ctx;
  await ensureBuiltinTypes(ctx);
  const type = await getType(ctx, 'etat-civil');
  const seconds = await insertDemandes(
    db,
    { communeId: commune.id, typeId: type.id, revisionId: type.revisionId },
    REQUESTS,
    now,
    (i) => ({
      status: STATUSES[i % STATUSES.length] as string,
      answers: JSON.stringify({ acte: 'naissance', document: 'extrait_sans_filiation', nom_personne: `Nom ${i}` }),
      received_at: new Date(now.getTime() - i * 60_000).toISOString(),
      decision_due: new Date(now.getTime() + ((i % 200) - 100) * 86_400_000).toISOString().slice(0, 10),
    }),
  );
  console.log(`seeded ${REQUESTS} demandes in ${seconds.toFixed(1)} s`);
  await time('inbox, received date (500 rows)', 10, () => listInbox(ctx, {}));
  await time('inbox, implicit-decision date (500 rows)', 10, () => listInbox(ctx, { sort: 'echeance' }));
  const late = await time('inbox, en retard', 10, () => listInbox(ctx, { overdue: true, sort: 'echeance' }));
  await time('inbox, text search', 10, () => listInbox(ctx, { text: 'Nom 4242' }));
  const due = await time('dashboard counts', 10, () => dueSummary(ctx));
  console.log(`  overdue ${due.overdue}, due within ${due.days} jours ouvrés ${due.soon}`);
  const one = await getDemandeAdmin(ctx, late.demandes[0]?.id ?? 1);
  const pdf = await time('PDF of a request', 10, () => demandePdf({ commune, ...one, assignee: null, printedAt: now }));
  console.log(`  ${pdf.length} bytes`);
  const ids = late.demandes.slice(0, 50).map((d) => d.id);
  await time('bulk closure of 50 requests (events, mails, audit)', 1, () =>
    cloturerDemandes(ctx, { ids, motif: 'Clôture groupée.' }),
  );
} finally {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
}
