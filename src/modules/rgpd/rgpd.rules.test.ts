import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type Activity,
  addMonthsIso,
  type CategoryDef,
  demandeCategory,
  demandeErasure,
  echeance,
  FIXED_CATEGORIES,
  generateRegistre,
  isExpired,
  NO_TRANSFER,
  planRegistre,
  type RegistreInput,
  retentionOf,
  type StoredActivity,
} from './rgpd.rules.js';

const contact = { slug: 'contact', title: 'Contacter la mairie', conservationMois: 12 };
const etatCivil = { slug: 'etat-civil', title: 'Demander un acte', conservationMois: 36 };

describe('rgpd : durées de conservation', () => {
  it('ajoute des mois en restant dans le mois (31 janvier + 1 mois = fin février)', () => {
    assert.equal(addMonthsIso('2026-01-31', 1), '2026-02-28');
    assert.equal(addMonthsIso('2028-01-31', 1), '2028-02-29');
    assert.equal(addMonthsIso('2026-11-15', 12), '2027-11-15');
    assert.equal(addMonthsIso('2026-12-01', 2), '2027-02-01');
  });

  it('calcule l’échéance en mois ou en jours, et la considère atteinte le jour même', () => {
    assert.equal(echeance('2026-01-10', 'mois', 12), '2027-01-10');
    assert.equal(echeance('2026-12-28', 'jours', 7), '2027-01-04');
    assert.equal(isExpired('2027-01-10', '2027-01-09'), false);
    assert.equal(isExpired('2027-01-10', '2027-01-10'), true);
  });

  it('garde un an les demandes d’état civil, quelle que soit la durée de la démarche (décret 2017-890 art. 29)', () => {
    const def = demandeCategory(etatCivil);
    assert.equal(def.defaultDuree, 12);
    assert.equal(def.defaultArchive, true);
    assert.match(def.source, /2017-890/);
    assert.equal(demandeCategory(contact).defaultDuree, 12);
    assert.equal(demandeCategory({ ...contact, conservationMois: 24 }).defaultDuree, 24);
  });

  it('prend le réglage de la commune, sinon la valeur par défaut', () => {
    const def = FIXED_CATEGORIES[1] as CategoryDef;
    assert.deepEqual(retentionOf(def, undefined), { duree: 6, archive: false });
    assert.deepEqual(retentionOf(def, { duree: 3, archive: true }), { duree: 3, archive: true });
  });
});

describe('rgpd : effacement sur demande (art. 17)', () => {
  const facts = (over: Partial<Parameters<typeof demandeErasure>[0]> = {}) => ({
    status: 'close',
    closedOn: '2026-01-15' as string | null,
    category: demandeCategory(contact),
    retention: { duree: 12, archive: false },
    ...over,
  });

  it('refuse d’effacer une demande en cours d’instruction', () => {
    for (const status of ['recue', 'instruction', 'complements']) {
      const d = demandeErasure(facts({ status, closedOn: null }), '2026-06-01');
      assert.equal(d.allowed, false);
      assert.match(d.reason, /en cours d’instruction/);
      assert.match(d.reason, /17\(3\)\(b\)/);
    }
  });

  it('refuse d’effacer une demande d’état civil dans son année de conservation, avec la date', () => {
    const d = demandeErasure(
      facts({ category: demandeCategory(etatCivil), retention: { duree: 12, archive: true } }),
      '2026-06-01',
    );
    assert.equal(d.allowed, false);
    assert.match(d.reason, /jusqu’au 15\/01\/2027/);
    assert.match(d.reason, /2017-890/);
  });

  it('renvoie au bordereau une archive publique dont la durée est écoulée', () => {
    const d = demandeErasure(facts({ retention: { duree: 12, archive: true } }), '2027-01-15');
    assert.equal(d.allowed, false);
    assert.match(d.reason, /bordereau/);
    assert.match(d.reason, /visa du service d’archives/);
  });

  it('accepte d’effacer une demande close qui n’est pas une archive', () => {
    for (const status of ['acceptee', 'refusee', 'close']) {
      assert.equal(demandeErasure(facts({ status }), '2026-02-01').allowed, true);
    }
  });
});

describe('rgpd : registre des activités de traitement', () => {
  const input = (over: Partial<RegistreInput> = {}): RegistreInput => ({
    communeNom: 'Bellerive',
    types: [
      {
        slug: 'contact',
        title: 'Contacter la mairie',
        summary: 'Posez une question.',
        fieldLabels: ['Objet', 'Votre question'],
        service: 'Secrétariat de la mairie',
        conservationMois: 12,
      },
      {
        slug: 'etat-civil',
        title: 'Demander un acte',
        summary: 'Copie ou extrait.',
        fieldLabels: ['Acte demandé'],
        service: 'Service de l’état civil',
        conservationMois: 12,
      },
    ],
    modules: ['comptes', 'alertes', 'demarches'],
    retention: (def) => ({ duree: def.defaultDuree, archive: def.defaultArchive }),
    ...over,
  });

  it('décrit chaque démarche avec les champs de l’article 30 : finalité, base, données, destinataires, durée', () => {
    const reg = generateRegistre(input());
    const contactAct = reg.find((a) => a.cle === 'demarche:contact') as Activity;
    assert.match(contactAct.donnees, /Objet, Votre question/);
    assert.match(contactAct.destinataires, /Secrétariat de la mairie/);
    assert.match(contactAct.conservation, /12 mois après la clôture.*visa du service d’archives/);
    assert.match(contactAct.base_legale, /6\(1\)\(e\)/);
    const ec = reg.find((a) => a.cle === 'demarche:etat-civil') as Activity;
    assert.match(ec.base_legale, /Obligation légale/);
    for (const a of reg) {
      assert.equal(a.transferts, NO_TRANSFER);
      assert.ok(a.finalite && a.base_legale && a.personnes && a.donnees && a.securite, a.cle);
    }
  });

  it('n’ajoute les activités d’un module que s’il est utilisé', () => {
    const keys = (r: Activity[]) => r.map((a) => a.cle);
    assert.deepEqual(keys(generateRegistre(input())), [
      'demarche:contact',
      'demarche:etat-civil',
      'module:comptes',
      'module:alertes',
      'socle:journal',
      'socle:courriels',
    ]);
    assert.ok(keys(generateRegistre(input({ modules: ['comptes', 'conseil'] }))).includes('module:conseil'));
    assert.ok(!keys(generateRegistre(input({ modules: ['comptes'] }))).includes('module:alertes'));
  });

  it('reporte la durée choisie par la commune dans le registre', () => {
    const reg = generateRegistre(
      input({ retention: (def) => ({ duree: def.key === 'courriels' ? 2 : 12, archive: false }) }),
    );
    assert.match(reg.find((a) => a.cle === 'socle:courriels')?.conservation ?? '', /^2 mois/);
    assert.match(reg.find((a) => a.cle === 'demarche:contact')?.conservation ?? '', /puis anonymisation/);
  });

  it('garde les modifications d’un administrateur, met à jour le reste, ajoute les nouvelles démarches', () => {
    const gen = generateRegistre(input());
    const stored: StoredActivity[] = gen.slice(0, 3).map((a, i) => ({ ...a, id: i + 1, modifie: false, actif: true }));
    (stored[0] as StoredActivity).modifie = true;
    (stored[0] as StoredActivity).finalite = 'Texte revu par le délégué';
    (stored[1] as StoredActivity).finalite = 'Ancien texte généré';
    stored.push({ ...(gen[0] as Activity), cle: 'demarche:ancienne', id: 9, modifie: false, actif: true });
    const plan = planRegistre(gen, stored);
    assert.deepEqual(
      plan.insert.map((a) => a.cle),
      gen.slice(3).map((a) => a.cle),
    );
    assert.deepEqual(
      plan.update.map((u) => u.id),
      [2],
    );
    assert.deepEqual(plan.deactivate, [9]);
    assert.deepEqual(plan.reactivate, []);
  });

  it('réactive une activité dont la source revient', () => {
    const gen = generateRegistre(input());
    const stored: StoredActivity[] = gen.map((a, i) => ({ ...a, id: i + 1, modifie: false, actif: i !== 0 }));
    const plan = planRegistre(gen, stored);
    assert.deepEqual(plan.reactivate, [1]);
    assert.deepEqual(plan.update, []);
    assert.deepEqual(plan.insert, []);
  });
});
