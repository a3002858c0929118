import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isCommonPassword, PASSWORD_MIN_LENGTH, passwordProblem, passwordVariants } from './password.rules.js';

describe('règles des mots de passe', () => {
  it('exige au moins 12 caractères et au plus 200', () => {
    assert.equal(PASSWORD_MIN_LENGTH, 12);
    assert.match(passwordProblem('onze-caract') ?? '', /au moins 12 caractères/);
    assert.equal(passwordProblem('douze-caract'), null);
    assert.match(passwordProblem('a b c d '.repeat(30)) ?? '', /au plus 200/);
  });

  it('refuse les mots de passe les plus courants, même habillés de chiffres ou de symboles', () => {
    for (const p of [
      'qwerty123456',
      '1qaz2wsx3edc',
      'azertyuiop123',
      'Motdepasse2026!',
      '!!Sunshine1234',
      'Pass-word-2026!',
    ]) {
      assert.match(passwordProblem(p) ?? '', /les plus courants/, p);
    }
    assert.equal(isCommonPassword('la cloche sonne à midi'), false);
    assert.equal(passwordProblem('la cloche sonne à midi'), null);
  });

  it('refuse une suite d’un ou deux caractères répétés', () => {
    assert.match(passwordProblem('aaaaaaaaaaaaaaaa') ?? '', /trop peu de caractères différents/);
    assert.match(passwordProblem('abababababab') ?? '', /trop peu de caractères différents/);
  });

  it('refuse un mot de passe qui contient l’adresse électronique', () => {
    assert.match(
      passwordProblem('nathalie.dupont-2026', { email: 'nathalie.dupont@mairie.fr' }) ?? '',
      /adresse électronique/,
    );
    assert.equal(passwordProblem('une phrase de passe', { email: 'nathalie.dupont@mairie.fr' }), null);
  });

  it('compare le mot de passe tel quel, sans ses extrémités et sans séparateurs', () => {
    assert.deepEqual(passwordVariants('  Mot-De-Passe!!2026'), ['  mot-de-passe!!2026', 'mot-de-passe', 'motdepasse']);
  });
});
