// `npm run bench:conseil`: ten years of a small commune's council (60 séances of 8 points, 15
// members, every délibération voted and finalized into the actes register) on SQLite, then the
// timings of what a secrétaire and a citizen do most.
//
//   npm run bench:conseil -- [--seances 60] [--points 8]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createDb } from '../src/db/database.js';
import { finaliserDeliberation, publierListe, registrePdf } from '../src/modules/conseil/apres.service.js';
import { makeMembres, makeSeance } from '../src/modules/conseil/conseil.factories.js';
import { publicConseil, publicSeanceById } from '../src/modules/conseil/conseil.public.js';
import { addPoint, getDossier } from '../src/modules/conseil/conseil.service.js';
import { envoyerConvocation } from '../src/modules/conseil/convocation.service.js';
import { enregistrerPresences, enregistrerVote } from '../src/modules/conseil/seance.service.js';
import { benchCommune } from './fixtures.js';

const { values } = parseArgs({
  options: { seances: { type: 'string', default: '60' }, points: { type: 'string', default: '8' } },
});
const SEANCES = Number(values.seances);
const POINTS = Number(values.points);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clocher-bench-conseil-'));
const db = createDb({ engine: 'sqlite', filename: path.join(dir, 'bench.sqlite') });
let clock = new Date('2020-06-01T09:00:00Z');

async function time<T>(label: string, n: number, fn: (i: number) => Promise<T>): Promise<T> {
  const samples: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    last = await fn(i);
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const p = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]?.toFixed(1);
  console.log(`${label.padEnd(48)} n=${String(n).padStart(4)}  median ${p(0.5)} ms  p95 ${p(0.95)} ms`);
  return last as T;
}

try {
  const ctx = { ...(await benchCommune(db, clock)), now: () => clock };
  const ids = await makeMembres(ctx, 15);
  const t0 = performance.now();
  const seanceIds: number[] = [];
  for (let s = 0; s < SEANCES; s++) {
    const date = new Date(Date.UTC(2020, 5, 20 + s * 61)).toISOString().slice(0, 10);
    clock = new Date(`${date}T00:00:00Z`);
    clock = new Date(clock.getTime() - 8 * 86_400_000);
    const seanceId = await makeSeance(ctx, date, { presidentId: ids[0] ?? null, secretaireId: ids[1] ?? null });
    seanceIds.push(seanceId);
    const pointIds: number[] = [];
    for (let p = 0; p < POINTS; p++) {
      pointIds.push(
        await addPoint(ctx, seanceId, {
          titre: `Point ${p + 1} de la séance ${s + 1}`,
          rapporteurId: ids[2] ?? null,
          note: 'Le rapport expose les motifs.\n\nLe projet est prêt.',
          matiereCode: null,
          nomination: false,
        }),
      );
    }
    await envoyerConvocation(ctx, { seanceId, baseUrl: 'https://bench.test' });
    clock = new Date(`${date}T19:00:00Z`);
    await enregistrerPresences(
      ctx,
      seanceId,
      ids.map((id, i) => ({
        membreId: id,
        statut: i < 13 ? 'present' : 'absent',
        arriveePoint: null,
        departPoint: null,
      })),
    );
    for (const p of pointIds) {
      await enregistrerVote(ctx, seanceId, p, {
        demandesPublic: 0,
        demandesSecret: 0,
        secretRenonce: false,
        figures: { pour: 12, contre: 1, abstention: 0, npp: 0 },
        votePresident: null,
        nominatifs: new Map(),
      });
      await finaliserDeliberation(ctx, seanceId, p);
    }
    await publierListe(ctx, seanceId);
  }
  console.log(
    `seeded ${SEANCES} séances × ${POINTS} points (${SEANCES * POINTS} délibérations) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  clock = new Date('2031-06-01T09:00:00Z');
  const last = seanceIds.at(-1) as number;
  await time('getDossier (séance file, back-office)', 50, () => getDossier(ctx, last));
  await time('publicConseil (/conseil-municipal, uncached)', 20, () => publicConseil(ctx));
  await time('publicSeanceById (public séance page)', 50, () => publicSeanceById(ctx, last));
  await time('registrePdf (paper registre sheets)', 10, () => registrePdf(ctx, last));
  const seanceId = await makeSeance(ctx, '2031-06-20');
  const pointIds: number[] = [];
  for (let p = 0; p < 20; p++) {
    pointIds.push(
      await addPoint(ctx, seanceId, {
        titre: `P${p}`,
        rapporteurId: null,
        note: '',
        matiereCode: null,
        nomination: false,
      }),
    );
  }
  await time('envoyerConvocation (15 members, mails queued)', 1, () =>
    envoyerConvocation(ctx, { seanceId, baseUrl: 'https://bench.test' }),
  );
  await enregistrerPresences(
    ctx,
    seanceId,
    ids.map((id) => ({ membreId: id, statut: 'present', arriveePoint: null, departPoint: null })),
  );
  await time('enregistrerVote (one point)', 20, (i) =>
    enregistrerVote(ctx, seanceId, pointIds[i] as number, {
      demandesPublic: 0,
      demandesSecret: 0,
      secretRenonce: false,
      figures: { pour: 15, contre: 0, abstention: 0, npp: 0 },
      votePresident: null,
      nominatifs: new Map(),
    }),
  );
  await time('finaliserDeliberation (→ createDeliberation)', 20, (i) =>
    finaliserDeliberation(ctx, seanceId, pointIds[i] as number),
  );
} finally {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
}
