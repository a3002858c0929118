// `node --import tsx bench/demarches-admin.ts -- [--requests 50000]`: the agents' side of the
// démarches on SQLite with many requests: the inbox (500 rows) sorted by implicit-decision date,
// the « en retard » filter, the dashboard's counts, the PDF of one request, a bulk closure of 50.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { systemActor } from '../src/core/context.js';
import { registerCommune } from '../src/core/tenancy/index.js';
import { createDb } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { demandePdf } from '../src/modules/demarches/demande.pdf.js';
import { ensureBuiltinTypes, getType } from '../src/modules/demarches/demarches.service.js';
import {
  cloturerDemandes,
  dueSummary,
  getDemandeAdmin,
  listInbox,
} from '../src/modules/demarches/instruction.service.js';

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
  const base = { db, now: () => now, log: pino({ level: 'silent' }), actor: systemActor('bench') };
  await migrateToLatest(db);
  const commune = await registerCommune(base, {
    insee: '62001',
    nom: 'Bench',
    slug: 'bench',
    population: 900,
    departement: '62',
    siren: null,
    siret: null,
    epci: null,
    info: { adresse: '1 place de la Mairie', codePostal: '62000', telephone: '03 21 00 00 00', email: 'm@e.fr' },
    theme: {},
    isDemo: false,
    hosts: [],
  });
  const ctx = { ...base, commune };
  await ensureBuiltinTypes(ctx);
  const type = await getType(ctx, 'etat-civil');
  const t0 = Date.now();
  for (let start = 0; start < REQUESTS; start += 1000) {
    const rows = Array.from({ length: Math.min(1000, REQUESTS - start) }, (_, k) => {
      const i = start + k;
      const due = new Date(now.getTime() + ((i % 200) - 100) * 86_400_000).toISOString().slice(0, 10);
      return {
        commune_id: commune.id,
        type_id: type.id,
        revision_id: type.revisionId,
        reference: `2026-${String(i + 1).padStart(6, '0')}`,
        token_hash: randomBytes(32).toString('hex'),
        status: STATUSES[i % STATUSES.length] as string,
        canal: 'en_ligne',
        email: `usager${i}@exemple.fr`,
        nom: `Nom ${i}`,
        prenom: 'Prénom',
        adresse: `${i} rue des Lilas, 62000 Bench`,
        answers: JSON.stringify({ acte: 'naissance', document: 'extrait_sans_filiation', nom_personne: `Nom ${i}` }),
        received_at: new Date(now.getTime() - i * 60_000).toISOString(),
        decision_due: due,
        assignee_user_id: null,
        updated_at: now.toISOString(),
      };
    });
    await db.transaction().execute((trx) => trx.insertInto('demande').values(rows).execute());
  }
  console.log(`seeded ${REQUESTS} demandes in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
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
