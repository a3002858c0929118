export type { AccessibiliteInfo, Commune, CommuneTheme, Fermeture, MairieInfo, OpeningSlot } from './commune.js';
export {
  type CommuneListItem,
  countCommunes,
  findCommuneById,
  findCommuneBySlug,
  listCommunes,
} from './commune.platform.repo.js';
export { type AddCommuneInput, addCommune, type RegisterCommuneInput, registerCommune } from './commune.service.js';
export { saveCommuneSettings } from './commune-settings.js';
export { closureOn, conformityMention } from './mairie.rules.js';
export { preparedRead } from './prepared-read.js';
export { CommuneResolver } from './resolver.js';
export { isInseeCode, isSiret, slugify } from './tenancy.rules.js';
export { TenantScope } from './tenant-scope.js';
