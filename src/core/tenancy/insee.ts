import { createRequire } from 'node:module';

/**
 * The official list of communes and EPCI (@etalab/decoupage-administratif). Its `main` entry reads
 * files relative to the working directory, so the JSON files are loaded directly, lazily: they
 * weigh several MB and are needed only when a commune is added.
 */
const require = createRequire(import.meta.url);

export interface InseeCommune {
  code: string;
  nom: string;
  departement: string;
  siren?: string;
  population?: number;
  type: string;
}

export interface InseeEpci {
  code: string;
  nom: string;
  type: string;
  membres: { code: string }[];
}

let communes: Map<string, InseeCommune> | undefined;
let epciByMember: Map<string, InseeEpci> | undefined;

function loadCommunes(): Map<string, InseeCommune> {
  if (!communes) {
    const list = require('@etalab/decoupage-administratif/data/communes.json') as InseeCommune[];
    communes = new Map(list.filter((c) => c.type === 'commune-actuelle').map((c) => [c.code, c]));
  }
  return communes;
}

function loadEpci(): Map<string, InseeEpci> {
  if (!epciByMember) {
    const list = require('@etalab/decoupage-administratif/data/epci.json') as InseeEpci[];
    epciByMember = new Map();
    for (const epci of list) for (const m of epci.membres) epciByMember.set(m.code, epci);
  }
  return epciByMember;
}

/** The current commune with this INSEE code, or undefined. */
export function findInseeCommune(code: string): InseeCommune | undefined {
  return loadCommunes().get(code);
}

/** The EPCI à fiscalité propre the commune belongs to, if any. */
export function findEpciOf(code: string): InseeEpci | undefined {
  return loadEpci().get(code);
}
