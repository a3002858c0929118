/**
 * Publication of editable content (pages, actualités, events…). Stored as a status and a date:
 * `publie` with `publish_at` in the future is a scheduled publication; no job is needed to make it
 * visible, queries compare `publish_at` with the time of the request.
 */
export const PUBLICATION_STATUSES = ['brouillon', 'publie', 'retire'] as const;
export type PublicationStatus = (typeof PUBLICATION_STATUSES)[number];

export type PublicationState = 'brouillon' | 'programme' | 'publie' | 'retire';

export const PUBLICATION_LABELS: Record<PublicationState, string> = {
  brouillon: 'Brouillon',
  programme: 'Programmé',
  publie: 'Publié',
  retire: 'Retiré',
};

/** What the public sees of an item at `now`. */
export function publicationState(status: PublicationStatus, publishAt: string | null, now: Date): PublicationState {
  if (status !== 'publie') return status;
  return publishAt !== null && Date.parse(publishAt) > now.getTime() ? 'programme' : 'publie';
}

export const isPubliclyVisible = (status: PublicationStatus, publishAt: string | null, now: Date): boolean =>
  publicationState(status, publishAt, now) === 'publie';
