export type { Commune, CommuneTheme, MairieInfo, OpeningSlot } from './commune.js';
export {
  type CommuneListItem,
  countCommunes,
  findCommuneById,
  findCommuneBySlug,
  listCommunes,
} from './commune.platform.repo.js';
export { type AddCommuneInput, addCommune } from './commune.service.js';
export { CommuneResolver } from './resolver.js';
export { TenantScope } from './tenant-scope.js';
export { isInseeCode, isSiret, slugify } from './tenancy.rules.js';
