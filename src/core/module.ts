import type { FastifyInstance } from 'fastify';
import type { VNode } from 'preact';
import type { Database } from '../db/database.js';
import type { AdminEntry, NavItem } from '../ui/nav.js';
import type { Actor, CommuneCtx } from './context.js';
import type { RequestMemo } from './request-memo.js';
import type { Commune } from './tenancy/index.js';

/**
 * What a feature module declares to the app. app.ts lists the modules in a plain array, in order;
 * nothing is discovered automatically.
 */
export interface ClocherModule {
  name: string;
  /** Registers the module's routes. */
  routes: (app: FastifyInstance) => Promise<void> | void;
  /** Entries of the public main menu for a commune (static or computed from its content). */
  publicNav?: (ctx: PublicContentCtx) => Promise<NavItem[]> | NavItem[];
  /** Blocks of the public home page (latest news, next events…), placed by `order`. */
  homeSections?: (ctx: PublicContentCtx) => Promise<HomeSection[]>;
  /** Public paths to list in /sitemap.xml (root-relative, e.g. "/actualites/fete-du-village"). */
  sitemap?: (ctx: PublicContentCtx) => Promise<string[]>;
  /** A banner shown on every public page (the current alert), or null. */
  publicBanner?: (ctx: PublicContentCtx) => Promise<VNode | null>;
  /** Entries of the back-office menu and dashboard the actor may use. */
  adminEntries?: (actor: Actor) => AdminEntry[];
  /** Blocks of the back-office dashboard for the signed-in actor (what awaits them), placed by `order`. */
  dashboardSections?: (ctx: CommuneCtx) => Promise<HomeSection[]>;
  /** The open datasets the module publishes for the commune (listed on /donnees and in its catalogue). */
  datasets?: (ctx: DatasetsCtx) => Promise<Dataset[]>;
}

export interface PublicContentCtx {
  db: Database;
  commune: Commune;
  now: Date;
  /** Reads shared with the rest of the page being rendered, when there is one. */
  memo?: RequestMemo;
}

/** What a module's `datasets` hook is given: the links it writes start with `baseUrl`. */
export interface DatasetsCtx extends PublicContentCtx {
  /** Origin the commune's site is served on, as the visitor reached it ("https://www.commune.fr"). */
  baseUrl: string;
}

/** An open dataset of the commune, as the SCDL catalogue describes it. */
export interface Dataset {
  /** Stable identifier in the catalogue ("deliberations"). */
  id: string;
  titre: string;
  description: string;
  /** Theme of the catalogue ("Administration", "Éducation"…). */
  theme: string;
  /** YYYY-MM-DD: first and last day the data covers, first and last publication. */
  debut: string;
  fin: string;
  publie: string;
  majLe: string;
  motsCles: string[];
  /** Number of files of the dataset (the complete file and its parts). */
  ressources: number;
  /** Page presenting the dataset (absolute). */
  url: string;
  /** The complete CSV file (absolute). */
  csv: string;
  /** Parts of the complete file (one per year…): root-relative links, listed after it. */
  parties: { label: string; href: string }[];
}

export interface HomeSection {
  /** Smaller first. The site's own blocks use 10 (quick links) and 90 (practical information). */
  order: number;
  node: VNode;
}
