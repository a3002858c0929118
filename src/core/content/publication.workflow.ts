import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { bumpContentVersion, scheduleContentChange } from '../http/page-cache.js';
import { type PublicationState, type PublicationStatus, publicationState } from './publication.rules.js';
import { indexDocument, unindexDocument } from './search.js';

/**
 * The publication actions of the back-office (publish now, schedule, unpublish, cancel a schedule)
 * as a table of transitions, and what every save of public content must do in its transaction.
 */

export type PublicationAction = 'publier' | 'programmer' | 'retirer' | 'deprogrammer';

export interface Publication {
  status: PublicationStatus;
  /** ISO instant; set whenever the status is `publie`. */
  publishAt: string | null;
}

const TRANSITIONS: Record<PublicationAction, { from: readonly PublicationState[]; label: string }> = {
  publier: { from: ['brouillon', 'programme', 'retire'], label: 'Publier maintenant' },
  programmer: { from: ['brouillon', 'programme', 'retire'], label: 'Programmer la publication' },
  retirer: { from: ['publie'], label: 'Retirer du site' },
  deprogrammer: { from: ['programme'], label: 'Annuler la programmation' },
};

export const PUBLICATION_ACTION_LABELS: Record<PublicationAction, string> = {
  publier: TRANSITIONS.publier.label,
  programmer: TRANSITIONS.programmer.label,
  retirer: TRANSITIONS.retirer.label,
  deprogrammer: TRANSITIONS.deprogrammer.label,
};

/** The verb of the audit event of each action (`actualite.published`, `evenement.unscheduled`…). */
export const PUBLICATION_AUDIT_ACTIONS: Record<PublicationAction, string> = {
  publier: 'published',
  programmer: 'scheduled',
  retirer: 'unpublished',
  deprogrammer: 'unscheduled',
};

/** The actions open to an item in this state. */
export function availableActions(state: PublicationState): PublicationAction[] {
  return (Object.keys(TRANSITIONS) as PublicationAction[]).filter((a) => TRANSITIONS[a].from.includes(state));
}

/**
 * The publication after `action` at `now`, or null when the action is not open in the current state
 * or the date of a schedule is not in the future. Publishing again an item that was withdrawn keeps
 * its first publication date.
 */
export function applyPublication(
  action: PublicationAction,
  current: Publication,
  now: Date,
  at?: Date,
): Publication | null {
  const state = publicationState(current.status, current.publishAt, now);
  if (!TRANSITIONS[action].from.includes(state)) return null;
  switch (action) {
    case 'publier': {
      const keep = state === 'retire' && current.publishAt !== null && Date.parse(current.publishAt) <= now.getTime();
      return { status: 'publie', publishAt: keep ? current.publishAt : now.toISOString() };
    }
    case 'programmer':
      if (!at || at.getTime() <= now.getTime()) return null;
      return { status: 'publie', publishAt: at.toISOString() };
    case 'retirer':
      return { status: 'retire', publishAt: current.publishAt };
    case 'deprogrammer':
      return { status: 'brouillon', publishAt: null };
  }
}

export interface PublicItem extends Publication {
  kind: string;
  refId: number;
  title: string;
  /** Plain text for the search index. */
  searchText: string;
  url: string;
  /** Other future instants at which public pages change (an event's end). */
  changesAt?: Date[];
}

/**
 * In the transaction of a save: indexes the item from its publication date (or removes it from
 * the index when it is not published), marks the commune's public pages as changed, and announces
 * the future changes so that cached pages expire exactly then.
 */
export async function syncPublicContent(
  trx: Kysely<DB>,
  communeId: number,
  item: PublicItem,
  now: Date,
): Promise<void> {
  const publishAt = item.status === 'publie' && item.publishAt ? new Date(item.publishAt) : null;
  if (publishAt) {
    await indexDocument(trx, communeId, {
      kind: item.kind,
      refId: item.refId,
      title: item.title,
      body: item.searchText,
      url: item.url,
      visibleFrom: publishAt,
    });
  } else {
    await unindexDocument(trx, communeId, item.kind, item.refId);
  }
  await bumpContentVersion(trx, communeId);
  for (const at of [...(publishAt ? [publishAt] : []), ...(item.changesAt ?? [])]) {
    await scheduleContentChange(trx, communeId, at, now);
  }
}

/** Removes a deleted item from the public site, in the transaction of the deletion. */
export async function removePublicContent(
  trx: Kysely<DB>,
  communeId: number,
  kind: string,
  refId: number,
): Promise<void> {
  await unindexDocument(trx, communeId, kind, refId);
  await bumpContentVersion(trx, communeId);
}
