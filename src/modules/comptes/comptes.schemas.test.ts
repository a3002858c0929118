import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { safeReturnPath } from './comptes.schemas.js';

describe('retour après connexion', () => {
  it('accepte les pages de l’administration', () => {
    assert.equal(safeReturnPath('/admin/utilisateurs'), '/admin/utilisateurs');
    assert.equal(safeReturnPath('/plateforme'), '/plateforme');
  });

  it('refuse toute autre destination (pas de redirection ouverte)', () => {
    for (const bad of [
      '//evil.example/admin',
      'https://evil.example',
      '/\\evil.example',
      '/adminx',
      'admin',
      '/ admin',
      undefined,
    ]) {
      assert.equal(safeReturnPath(bad), undefined, String(bad));
    }
  });
});
