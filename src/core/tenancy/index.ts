export type { Commune, CommuneTheme, MairieInfo, OpeningSlot } from './commune.js';
export {
  type CommuneListItem,
  countCommunes,
  findCommuneById,
  findCommuneBySlug,
  listCommunes,
} from './commune.platform.repo.js';
export { type AddCommuneInput, addCommune, type RegisterCommuneInput, registerCommune } from './commune.service.js';
export { CommuneResolver } from './resolver.js';
export { isInseeCode, isSiret, slugify } from './tenancy.rules.js';
export { TenantScope } from './tenant-scope.js';
