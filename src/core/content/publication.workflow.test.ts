import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyPublication, availableActions } from './publication.workflow.js';

const now = new Date('2026-11-28T12:00:00Z');
const past = '2026-11-01T08:00:00.000Z';
const future = new Date('2026-12-01T08:00:00Z');

describe('actions de publication', () => {
  it('ouvre les actions selon l’état', () => {
    assert.deepEqual(availableActions('brouillon'), ['publier', 'programmer']);
    assert.deepEqual(availableActions('programme'), ['publier', 'programmer', 'deprogrammer']);
    assert.deepEqual(availableActions('publie'), ['retirer']);
    assert.deepEqual(availableActions('retire'), ['publier', 'programmer']);
  });

  it('publie un brouillon maintenant', () => {
    assert.deepEqual(applyPublication('publier', { status: 'brouillon', publishAt: null }, now), {
      status: 'publie',
      publishAt: now.toISOString(),
    });
  });

  it('programme dans le futur seulement', () => {
    assert.deepEqual(applyPublication('programmer', { status: 'brouillon', publishAt: null }, now, future), {
      status: 'publie',
      publishAt: future.toISOString(),
    });
    assert.equal(applyPublication('programmer', { status: 'brouillon', publishAt: null }, now, new Date(past)), null);
    assert.equal(applyPublication('programmer', { status: 'brouillon', publishAt: null }, now), null);
  });

  it('retire un contenu publié et le remet en ligne à sa date d’origine', () => {
    const retired = applyPublication('retirer', { status: 'publie', publishAt: past }, now);
    assert.deepEqual(retired, { status: 'retire', publishAt: past });
    assert.deepEqual(applyPublication('publier', { status: 'retire', publishAt: past }, now), {
      status: 'publie',
      publishAt: past,
    });
  });

  it('annule une programmation : le contenu redevient un brouillon', () => {
    const scheduled = { status: 'publie' as const, publishAt: future.toISOString() };
    assert.deepEqual(applyPublication('deprogrammer', scheduled, now), { status: 'brouillon', publishAt: null });
    assert.equal(applyPublication('retirer', scheduled, now), null);
  });

  it('refuse une action fermée dans l’état courant', () => {
    assert.equal(applyPublication('publier', { status: 'publie', publishAt: past }, now), null);
    assert.equal(applyPublication('retirer', { status: 'brouillon', publishAt: null }, now), null);
    assert.equal(applyPublication('deprogrammer', { status: 'publie', publishAt: past }, now), null);
  });
});
