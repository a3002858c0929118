import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addField,
  editField,
  FIELD_TYPES,
  type FieldEdit,
  fieldNameFor,
  formProblems,
  isSlugShape,
  mayProcess,
  moveField,
  parseOptions,
  parseSettings,
  removeProblem,
  type SettingsInput,
  slugify,
} from './builder.rules.js';
import { BUILTIN_TYPES } from './demarches.builtins.js';
import type { FieldDef } from './fields.rules.js';

const form: FieldDef[] = [
  { name: 'objet', type: 'text', label: 'Objet' },
  {
    name: 'motif',
    type: 'choice',
    label: 'Motif',
    options: [
      { value: 'fete', label: 'Fête' },
      { value: 'autre', label: 'Autre' },
    ],
  },
  { name: 'precision', type: 'textarea', label: 'Précisez' },
];

const edit = (over: Partial<FieldEdit> = {}): FieldEdit => ({
  label: 'Précisez',
  hint: '',
  required: false,
  options: '',
  showIfField: '',
  showIfValues: [],
  ...over,
});

const settings = (over: Partial<SettingsInput> = {}): SettingsInput => ({
  serviceNom: 'Secrétariat',
  serviceEmail: 'mairie@exemple.fr',
  serviceAdresse: '1 place de la Mairie',
  serviceTelephone: '03 21 00 00 00',
  silence: 'acceptation',
  delaiUnite: 'mois',
  delai: '2',
  conservationMois: '12',
  roles: ['secretaire'],
  ...over,
});

describe('constructeur de formulaires : règles', () => {
  it('propose les treize types de champ, chacun nommé en français', () => {
    assert.equal(FIELD_TYPES.length, 13);
    assert.ok(FIELD_TYPES.includes('multichoice') && FIELD_TYPES.includes('help'));
  });

  it('dérive un nom de champ unique du libellé, jamais celui d’un champ d’identité', () => {
    assert.equal(slugify('Date de l’événement !'), 'date_de_l_evenement');
    assert.equal(slugify('Fête  de Noël', '-'), 'fete-de-noel');
    assert.equal(fieldNameFor('Objet', form), 'objet_2');
    assert.equal(fieldNameFor('Nom', form), 'nom_2');
    assert.equal(fieldNameFor('Email', form), 'email_2');
    assert.equal(fieldNameFor('!!!', form), 'champ');
  });

  it('reconnaît une adresse de démarche bien formée', () => {
    assert.ok(isSlugShape('inscription-cantine'));
    assert.ok(!isSlugShape('Inscription'));
    assert.ok(!isSlugShape('a--b'));
    assert.ok(!isSlugShape('-a'));
    assert.ok(!isSlugShape('x'.repeat(61)));
  });

  it('lit les choix un par ligne, garde la valeur d’un choix existant et refuse les doublons', () => {
    const r = parseOptions('Fête de famille\n\n  Autre \n', [{ value: 'autre', label: 'Autre' }]);
    assert.deepEqual(r.options, [
      { value: 'fete_de_famille', label: 'Fête de famille' },
      { value: 'autre', label: 'Autre' },
    ]);
    assert.match(parseOptions('A\nA').error ?? '', /deux fois/);
    assert.match(parseOptions('   ').error ?? '', /au moins un choix/);
  });

  it('ajoute, déplace et ne déplace pas au-delà des bords', () => {
    const added = addField(form, 'multichoice', 'Équipements');
    assert.equal(added.at(-1)?.name, 'equipements');
    assert.equal(added.at(-1)?.options?.length, 1);
    assert.deepEqual(
      moveField(form, 'precision', 'up').map((f) => f.name),
      ['objet', 'precision', 'motif'],
    );
    assert.deepEqual(
      moveField(form, 'objet', 'up').map((f) => f.name),
      ['objet', 'motif', 'precision'],
    );
    assert.deepEqual(
      moveField(form, 'precision', 'down').map((f) => f.name),
      ['objet', 'motif', 'precision'],
    );
  });

  it('pose une condition sur un champ à choix placé avant, avec des réponses qui existent', () => {
    const ok = editField('x', form, 'precision', edit({ showIfField: 'motif', showIfValues: ['autre', 'inconnu'] }));
    assert.deepEqual(ok.errors, {});
    assert.deepEqual(ok.form[2]?.showIf, { field: 'motif', values: ['autre'] });
    const none = editField('x', form, 'precision', edit({ showIfField: 'motif', showIfValues: [] }));
    assert.match(none.errors.showIf ?? '', /Cochez/);
    const after = editField(
      'x',
      form,
      'objet',
      edit({ label: 'Objet', showIfField: 'motif', showIfValues: ['autre'] }),
    );
    assert.match(after.errors.showIf ?? '', /placé avant/);
    const text = editField('x', form, 'precision', edit({ showIfField: 'objet', showIfValues: ['a'] }));
    assert.match(text.errors.showIf ?? '', /champ à choix/);
  });

  it('modifie libellé, aide, obligation et choix ; refuse un libellé vide', () => {
    const r = editField(
      'x',
      form,
      'motif',
      edit({ label: 'Raison', hint: 'Aide', required: true, options: 'Un\nDeux' }),
    );
    assert.deepEqual(r.errors, {});
    assert.deepEqual(r.form[1], {
      name: 'motif',
      type: 'choice',
      label: 'Raison',
      hint: 'Aide',
      required: true,
      options: [
        { value: 'un', label: 'Un' },
        { value: 'deux', label: 'Deux' },
      ],
    });
    assert.match(editField('x', form, 'objet', edit({ label: ' ' })).errors.label ?? '', /libellé/);
  });

  it('ne touche que libellé et aide d’un champ exigé de l’état civil', () => {
    const ec = BUILTIN_TYPES.find((b) => b.slug === 'etat-civil')?.form ?? [];
    const r = editField(
      'etat-civil',
      ec,
      'acte',
      edit({ label: 'Quel acte ?', required: false, options: 'Autre chose', showIfField: 'info' }),
    );
    assert.deepEqual(r.errors, {});
    const acte = r.form.find((f) => f.name === 'acte');
    assert.equal(acte?.label, 'Quel acte ?');
    assert.equal(acte?.required, true);
    assert.deepEqual(acte?.options, ec.find((f) => f.name === 'acte')?.options);
    assert.match(removeProblem('etat-civil', ec, 'nom_personne') ?? '', /ne peut pas être supprimé/);
    assert.equal(removeProblem('etat-civil', ec, 'exemplaires'), null);
    assert.deepEqual(formProblems('etat-civil', ec), []);
    assert.match(
      formProblems(
        'etat-civil',
        ec.filter((f) => f.name !== 'lien'),
      ).join(),
      /lien/,
    );
  });

  it('refuse de supprimer un champ dont un autre dépend', () => {
    const withCond = editField('x', form, 'precision', edit({ showIfField: 'motif', showIfValues: ['autre'] })).form;
    assert.match(removeProblem('x', withCond, 'motif') ?? '', /dépend/);
    assert.equal(removeProblem('x', withCond, 'precision'), null);
  });

  it('signale un formulaire vide, deux pièces jointes, une liste sans choix', () => {
    assert.match(formProblems('x', [{ name: 'a', type: 'section', label: 'A' }]).join(), /aucune question/);
    const two: FieldDef[] = [
      { name: 'a', type: 'file', label: 'A' },
      { name: 'b', type: 'file', label: 'B' },
      { name: 'c', type: 'choice', label: 'C', options: [] },
    ];
    const p = formProblems('x', two).join(' ');
    assert.match(p, /une seule pièce jointe/);
    assert.match(p, /« C » n’a aucun choix/);
    assert.deepEqual(formProblems('x', form), []);
  });

  it('lit les réglages : service, silence et délai en mois ou en jours ouvrés, rôles', () => {
    const r = parseSettings('x', settings());
    assert.deepEqual(r.errors, {});
    assert.equal(r.settings?.delaiMois, 2);
    assert.equal(r.settings?.delaiJours, 0);
    const j = parseSettings('x', settings({ silence: 'rejet', delaiUnite: 'jours', delai: '15' }));
    assert.equal(j.settings?.delaiJours, 15);
    assert.equal(j.settings?.delaiMois, undefined);
    const none = parseSettings('x', settings({ silence: 'aucune', delai: '' }));
    assert.equal(none.settings?.silence, 'aucune');
    const bad = parseSettings(
      'x',
      settings({ serviceEmail: 'non', serviceTelephone: 'abc', delai: '0', roles: ['elu', 'pirate'], silence: 'x' }),
    );
    assert.deepEqual(Object.keys(bad.errors).sort(), ['roles', 'serviceEmail', 'serviceTelephone', 'silence']);
    assert.ok(parseSettings('x', settings({ delai: '0' })).errors.delai);
    assert.ok(parseSettings('x', settings({ delai: '25' })).errors.delai);
    assert.ok(parseSettings('x', settings({ conservationMois: '0' })).errors.conservationMois);
  });

  it('garde douze mois de conservation pour l’état civil (décret 2017-890, art. 29)', () => {
    assert.match(
      parseSettings('etat-civil', settings({ conservationMois: '24' })).errors.conservationMois ?? '',
      /art. 29/,
    );
    assert.deepEqual(parseSettings('etat-civil', settings()).errors, {});
  });

  it('lit la retenue des créneaux seulement quand elle est demandée', () => {
    assert.equal(parseSettings('x', settings({ retenueJours: '10' })).settings?.retenueJours, 10);
    assert.ok(parseSettings('x', settings({ retenueJours: '0' })).errors.retenueJours);
    assert.equal(parseSettings('x', settings()).settings?.retenueJours, undefined);
  });

  it('dit quels rôles traitent une démarche', () => {
    assert.ok(mayProcess({ roles: ['secretaire'] }, 'secretaire'));
    assert.ok(!mayProcess({ roles: ['secretaire'] }, 'agent'));
    assert.ok(!mayProcess({ roles: ['secretaire'] }, null));
  });
});
