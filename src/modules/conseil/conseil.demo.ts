import type { CommuneCtx } from '../../core/context.js';
import type { FileStore } from '../../core/files/index.js';
import { addDays } from '../../core/paris-time.js';
import { TenantScope } from '../../core/tenancy/index.js';
import { publishActe, recordTransmission, signActe } from '../actes/index.js';
import { publicHolidays } from '../demarches/index.js';
import {
  approuverPv,
  finaliserDeliberation,
  publierListe,
  publierPv,
  pvDraft,
  savePv,
  signerPv,
} from './apres.service.js';
import { loadDossier, parisDate } from './conseil.dossier.js';
import type { MembreInput } from './conseil.schemas.js';
import { addPoint, createMembre, createSeance } from './conseil.service.js';
import { envoyerConvocation } from './convocation.service.js';
import { ajouterProcuration, enregistrerPresences, enregistrerVote } from './seance.service.js';

/**
 * The demo conseil of Bellerive-sur-Lys: 15 members (installed in May 2020 after the elections),
 * two past séances whose délibérations were voted, finalized, signed, transmitted with their @CTES
 * acknowledgement and published (when a file store is given), and a séance to come, convened.
 */

const MEMBRES: [string, string, MembreInput['mandat'], number | null, string][] = [
  ['Hélène', 'Delattre', 'maire', null, '1961-03-14'],
  ['Marc', 'Lefebvre', 'adjoint', 1, '1958-07-02'],
  ['Sophie', 'Caron', 'adjoint', 2, '1974-11-23'],
  ['Jean-Pierre', 'Vasseur', 'adjoint', 3, '1955-01-30'],
  ['Nadia', 'Benali', 'adjoint', 4, '1982-05-09'],
  ['Bernard', 'Dumont', 'conseiller', null, '1950-09-17'],
  ['Isabelle', 'Leroy', 'conseiller', null, '1968-12-01'],
  ['Thomas', 'Delmotte', 'conseiller', null, '1989-04-26'],
  ['Catherine', 'Moreau', 'conseiller', null, '1963-08-08'],
  ['Olivier', 'Lemaire', 'conseiller', null, '1977-02-15'],
  ['Élodie', 'Fournier', 'conseiller', null, '1985-10-04'],
  ['Gérard', 'Petit', 'conseiller', null, '1952-06-21'],
  ['Anne', 'Duhamel', 'conseiller', null, '1971-03-29'],
  ['Karim', 'Haddad', 'conseiller', null, '1980-12-12'],
  ['Lucie', 'Carpentier', 'conseiller', null, '1992-07-19'],
];

const POINTS: { titre: string; note: string; matiere: string | null }[][] = [
  [
    {
      titre: 'Décision modificative n° 2 du budget principal',
      note: 'Des travaux imprévus de toiture de l’école ont été engagés après l’orage de juillet.\n\nLes crédits du chapitre 23 doivent être abondés de 18 500 euros par prélèvement sur les dépenses imprévues.',
      matiere: '7.1',
    },
    {
      titre: 'Tarifs de la cantine scolaire à compter du 1er janvier',
      note: 'Le prix des denrées a augmenté de 6 % sur un an.\n\nIl est proposé de porter le prix du repas de 3,40 euros à 3,55 euros, le tarif social restant à 1 euro.',
      matiere: '7.10',
    },
    {
      titre: 'Convention de mise à disposition de la salle des fêtes aux associations',
      note: 'La convention actuelle date de 2012 et ne prévoit ni assurance ni état des lieux.',
      matiere: '3.5',
    },
  ],
  [
    {
      titre: 'Demande de subvention DETR pour la rénovation énergétique de la mairie',
      note: 'Le diagnostic énergétique classe la mairie en étiquette F.\n\nLe projet, estimé à 240 000 euros hors taxes, peut être subventionné à 40 % au titre de la DETR.',
      matiere: '7.5',
    },
    {
      titre: 'Dénomination de la voie nouvelle du lotissement des Peupliers',
      note: 'La voie desservant les douze lots doit recevoir un nom avant la délivrance des adresses.',
      matiere: '8.3',
    },
  ],
];

/** `date`, or the nearest weekday that is not a public holiday in `direction` (a council meets on a weekday evening). */
function councilDay(date: string, direction: 1 | -1): string {
  let d = date;
  const off = (x: string) =>
    [0, 6].includes(new Date(`${x}T12:00:00Z`).getUTCDay()) || publicHolidays(Number(x.slice(0, 4))).has(x);
  while (off(d)) d = addDays(d, direction);
  return d;
}

const ctxAt = (ctx: CommuneCtx, date: string, time: string): CommuneCtx => ({
  ...ctx,
  now: () => new Date(`${date}T${time}:00Z`),
});

/** Seeds the conseil of the demo commune. */
export async function seedConseilDemo(ctx: CommuneCtx & { files?: FileStore }): Promise<void> {
  const ids: number[] = [];
  for (const [i, [prenom, nom, mandat, rang, naissance]] of MEMBRES.entries()) {
    const slug = `${prenom}.${nom}`
      .toLowerCase()
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z.]/g, '');
    ids.push(
      await createMembre(ctx, {
        prenom,
        nom,
        mandat,
        rang,
        debut: '2020-05-23',
        fin: null,
        email: i === 11 ? null : `${slug}@elus.bellerive.example`,
        convocationPapier: i === 11,
        adresse: i === 11 ? '4, rue du Moulin, 62350 Bellerive-sur-Lys' : '',
        dateNaissance: naissance,
      }),
    );
  }
  const today = parisDate(ctx.now());
  const dates = [councilDay(addDays(today, -63), -1), councilDay(addDays(today, -28), -1)];
  const seanceIds: number[] = [];
  for (const [k, date] of dates.entries()) {
    const prep = ctxAt(ctx, addDays(date, -8), '09:00');
    const seanceId = await createSeance(prep, {
      date,
      heure: '20:00',
      lieu: 'Salle du conseil, mairie',
      type: 'ordinaire',
      urgence: false,
      presidentId: ids[0] ?? null,
      secretaireId: ids[10] ?? null,
      reconvocationDe: null,
    });
    seanceIds.push(seanceId);
    for (const p of POINTS[k] ?? []) {
      await addPoint(prep, seanceId, {
        titre: p.titre,
        rapporteurId: ids[1 + (seanceIds.length % 4)] ?? null,
        note: p.note,
        matiereCode: p.matiere,
        nomination: false,
      });
    }
    await envoyerConvocation(prep, { seanceId, baseUrl: 'https://bellerive-sur-lys.example' });
    const during = ctxAt(ctx, date, '19:00');
    const absent = ids[6 + k] as number;
    const excuse = ids[13] as number;
    await enregistrerPresences(
      during,
      seanceId,
      ids.map((id) => ({
        membreId: id,
        statut: id === absent ? 'absent' : id === excuse ? 'excuse' : 'present',
        arriveePoint: null,
        departPoint: null,
      })),
    );
    await ajouterProcuration(during, seanceId, { mandantId: excuse, mandataireId: ids[2] as number, maladie: false });
    const d = await loadDossier(new TenantScope(ctx.db, ctx.commune.id), ctx.commune, seanceId);
    for (const [j, p] of d.points.entries()) {
      const contre = j === 1 ? 2 : 0;
      const abstention = j === 1 ? 1 : 0;
      await enregistrerVote(during, seanceId, p.id, {
        demandesPublic: 0,
        demandesSecret: 0,
        secretRenonce: false,
        figures: { pour: 14 - contre - abstention, contre, abstention, npp: 0 },
        votePresident: 'pour',
        nominatifs: new Map(),
      });
    }
    const after = ctxAt(ctx, addDays(date, 2), '10:00');
    for (const p of d.points) {
      const acte = await finaliserDeliberation(after, seanceId, p.id);
      if (ctx.files) {
        const files = { ...after, files: ctx.files };
        await signActe(files, { acteId: acte.acteId });
        const transmisLe = addDays(date, 3);
        await recordTransmission(ctxAt(ctx, transmisLe, '11:00'), {
          acteId: acte.acteId,
          identifiant: `062-216299800-${date.replaceAll('-', '')}-${acte.numero.replace(/[^A-Z0-9]/gi, '_').toUpperCase()}-DE`,
          transmisLe,
          arRecuLe: transmisLe,
        });
        await publishActe(ctxAt(ctx, transmisLe, '11:05'), { acteId: acte.acteId });
      }
    }
    await publierListe(ctxAt(ctx, addDays(date, 3), '11:30'), seanceId);
    const pvCtx = ctxAt(ctx, addDays(date, 4), '10:00');
    const dossier = await loadDossier(new TenantScope(ctx.db, ctx.commune.id), ctx.commune, seanceId);
    await savePv(
      pvCtx,
      seanceId,
      (await pvDraft(pvCtx, dossier)).replaceAll(
        'Teneur des discussions : à compléter.',
        'Après présentation du rapport, le conseil n’a pas formulé d’observation.',
      ),
    );
  }
  // The first séance's PV is approved at the opening of the second, then signed and published.
  const [first, second] = seanceIds as [number, number];
  const d2 = dates[1] as string;
  await approuverPv(ctxAt(ctx, d2, '20:05'), first, second);
  await signerPv(ctxAt(ctx, d2, '21:30'), first);
  await publierPv(ctxAt(ctx, addDays(d2, 2), '09:00'), first);

  const next = councilDay(addDays(today, 10), 1);
  const nextId = await createSeance(ctx, {
    date: next,
    heure: '20:00',
    lieu: 'Salle du conseil, mairie',
    type: 'ordinaire',
    urgence: false,
    presidentId: ids[0] ?? null,
    secretaireId: ids[12] ?? null,
    reconvocationDe: null,
  });
  for (const p of [
    { titre: 'Approbation du procès-verbal de la séance précédente', note: '', matiere: null },
    {
      titre: 'Budget primitif : orientations budgétaires',
      note: 'Présentation des grandes orientations du budget de l’année prochaine.',
      matiere: '7.1',
    },
    {
      titre: 'Désignation d’un délégué au syndicat des eaux',
      note: 'À la suite de la démission de M. Dumont, un nouveau délégué titulaire doit être désigné.',
      matiere: '5.3',
    },
  ]) {
    await addPoint(ctx, nextId, {
      titre: p.titre,
      rapporteurId: ids[0] ?? null,
      note: p.note,
      matiereCode: p.matiere,
      nomination: p.titre.startsWith('Désignation'),
    });
  }
  await envoyerConvocation(ctx, { seanceId: nextId, baseUrl: 'https://bellerive-sur-lys.example' });
}
