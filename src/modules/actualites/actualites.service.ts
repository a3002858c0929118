import { richTextToPlain, sanitizeRichText } from '../../core/content/index.js';
import { publishableService } from '../../core/content/publishable.service.js';
import { canManageActualites } from './actualites.policy.js';
import * as repo from './actualites.repo.js';
import type { ActualiteInput } from './actualites.schemas.js';

/** The back-office side of actualités: the publishable-content services of core/content. */
export const actualitesService = publishableService<repo.Actualite, repo.ActualiteFields, ActualiteInput>({
  entity: 'actualite',
  basePath: '/actualites',
  words: { the: 'l’actualité', another: 'Une autre actualité', notFound: 'Cette actualité n’existe pas.' },
  canManage: canManageActualites,
  slugAndTitle: (input) => ({ slug: input.slug, title: input.title }),
  fieldsOf: (input, slug) => ({
    slug,
    title: input.title,
    chapo: input.chapo,
    bodyHtml: sanitizeRichText(input.body),
    imageUrl: input.imageUrl,
    imageAlt: input.imageUrl ? input.imageAlt : '',
  }),
  repo: {
    find: repo.findActualite,
    listAll: repo.listAllActualites,
    insert: repo.insertActualite,
    update: repo.updateActualite,
    setPublication: repo.setPublication,
    remove: repo.deleteActualite,
    slugsLike: repo.slugsLike,
  },
  publicEntry: (a) => ({ searchText: `${a.chapo} ${richTextToPlain(a.bodyHtml)}` }),
});

export const {
  assertCanManage: assertCanManageActualites,
  listForAdmin: listActualitesForAdmin,
  getForEdit: getActualiteForEdit,
  revisions: actualiteRevisions,
  create: createActualite,
  update: updateActualite,
  changePublication: changeActualitePublication,
  remove: deleteActualite,
  restoreRevision: restoreActualiteRevision,
} = actualitesService;
