import { richTextToPlain, sanitizeRichText } from '../../core/content/index.js';
import { publishableService } from '../../core/content/publishable.service.js';
import { canManageAgenda } from './agenda.policy.js';
import * as repo from './agenda.repo.js';
import type { EvenementInput } from './agenda.schemas.js';

/** The back-office side of the agenda: the publishable-content services of core/content. */
export const agendaService = publishableService<repo.Evenement, repo.EvenementFields, EvenementInput>({
  entity: 'evenement',
  basePath: '/agenda',
  words: { the: 'l’événement', another: 'Un autre événement', notFound: 'Cet événement n’existe pas.' },
  canManage: canManageAgenda,
  slugAndTitle: (input) => ({ slug: input.slug, title: input.title }),
  fieldsOf: (input, slug) => ({
    slug,
    title: input.title,
    descriptionHtml: sanitizeRichText(input.description),
    startsAt: input.startsAt.toISOString(),
    endsAt: input.endsAt.toISOString(),
    allDay: input.allDay,
    lieu: input.lieu,
    adresse: input.adresse,
  }),
  repo: {
    find: repo.findEvenement,
    listAll: repo.listAllEvenements,
    insert: repo.insertEvenement,
    update: repo.updateEvenement,
    setPublication: repo.setPublication,
    remove: repo.deleteEvenement,
    slugsLike: repo.slugsLike,
  },
  // A published event leaves the agenda when it is over: its pages change then, on their own.
  publicEntry: (e) => ({
    searchText: `${e.lieu} ${e.adresse} ${richTextToPlain(e.descriptionHtml)}`,
    changesAt: e.status === 'publie' ? [new Date(e.endsAt)] : [],
  }),
});

export const {
  assertCanManage: assertCanManageAgenda,
  listForAdmin: listEvenementsForAdmin,
  getForEdit: getEvenementForEdit,
  revisions: evenementRevisions,
  create: createEvenement,
  update: updateEvenement,
  changePublication: changeEvenementPublication,
  remove: deleteEvenement,
  restoreRevision: restoreEvenementRevision,
} = agendaService;
