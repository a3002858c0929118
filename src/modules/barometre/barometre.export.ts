import { stringify } from 'csv-stringify/sync';
import { categoriesOf, evolution, GROUP_KEYS, SECRET_MIN } from './barometre.stats.js';
import { INSEE_COLUMN } from './import.rules.js';
import { referenceFor } from './questionnaire.data.js';
import { MULTI_SEPARATOR } from './questionnaire.rules.js';
import { allQuestions, type Question, type Questionnaire } from './questionnaire.types.js';
import type { Resultats } from './resultats.service.js';

/** Exports of a campaign: the import template and its documentation, the aggregates as CSV and JSON. */

const round = (x: number | undefined, digits = 4) =>
  x === undefined || Number.isNaN(x) ? null : Math.round(x * 10 ** digits) / 10 ** digits;

/** The empty CSV to fill in: the INSEE code column then one column per question code. */
export function templateCsv(questionnaire: Questionnaire): string {
  return stringify([[INSEE_COLUMN, ...allQuestions(questionnaire).map((q) => q.code)]], { delimiter: ';', bom: true });
}

/** What each column of the import accepts, for the documentation beside the template. */
export function columnDocs(questionnaire: Questionnaire): { code: string; label: string; valeurs: string }[] {
  const values = (q: Question): string => {
    switch (q.type) {
      case 'choix':
        return `un code parmi : ${(q.options ?? []).map((o) => o.code).join(', ')}`;
      case 'choix_multiples':
        return `codes séparés par « ${MULTI_SEPARATOR} » parmi : ${(q.options ?? []).map((o) => o.code).join(', ')}`;
      case 'nombre':
        return 'un nombre entier positif';
      case 'pourcentage':
        return 'un nombre de 0 à 100';
      case 'echelle':
        return `un entier de ${q.min ?? 1} à ${q.max ?? 5}`;
      default:
        return 'un texte libre (jamais publié)';
    }
  };
  const suivi = (q: Question) =>
    q.condition ? ` ; seulement si ${q.condition.question} vaut ${q.condition.valeurs.join(' ou ')}` : '';
  return [
    { code: INSEE_COLUMN, label: 'Code INSEE de la commune', valeurs: '5 caractères, par exemple 62193' },
    ...allQuestions(questionnaire).map((q) => ({ code: q.code, label: q.label, valeurs: values(q) + suivi(q) })),
  ];
}

/** The aggregates as JSON: every figure shown, secrecy applied (secret groups carry only their size). */
export function resultatsJson(r: Resultats): unknown {
  const q = r.campagne.questionnaire;
  return {
    campagne: { annee: r.campagne.annee, statut: r.campagne.statut, edition: r.campagne.edition },
    methode: {
      intervalle: 'Wilson, 95 %',
      secretStatistique: `aucun groupe de moins de ${SECRET_MIN} communes, ni de groupe déductible des autres`,
      comparaison: r.precedente ? r.precedente.annee : null,
    },
    repondants: r.stats.repondants,
    themes: q.themes.map((t) => ({
      code: t.code,
      titre: t.titre,
      questions: t.questions
        .filter((question) => r.stats.questions[question.code])
        .map((question) => {
          const s = r.stats.questions[question.code]!;
          const groupes = Object.fromEntries(
            GROUP_KEYS.map((k) => {
              const g = s.groups[k];
              if (g.secret) return [k, { n: g.n, secret: g.secret }];
              const parts = g.parts
                ? Object.fromEntries(
                    Object.entries(g.parts).map(([c, p]) => [
                      c,
                      { part: round(p.part), ic95: [round(p.low), round(p.high)] },
                    ]),
                  )
                : undefined;
              return [k, { n: g.n, parts, moyenne: round(g.moyenne, 2), mediane: round(g.mediane, 2) }];
            }),
          );
          const evo = r.precedente ? evolution(s, r.precedente.stats.questions[question.code]) : null;
          const references = categoriesOf(question)
            .map((c) => referenceFor(question.code, c))
            .filter((f) => f !== undefined)
            .map((f) => ({ option: f.option, part: f.part, libelle: f.libelle }));
          return {
            code: question.code,
            type: question.type,
            libelle: question.label,
            groupes,
            evolution: evo,
            references,
          };
        }),
    })),
  };
}

/** The aggregates as CSV: one line per question, category and group. */
export function resultatsCsv(r: Resultats): string {
  const rows: (string | number | null)[][] = [
    [
      'annee',
      'question',
      'categorie',
      'groupe',
      'repondants',
      'part',
      'ic95_bas',
      'ic95_haut',
      'moyenne',
      'mediane',
      'secret',
      'evolution',
      'reference_nationale',
    ],
  ];
  for (const question of allQuestions(r.campagne.questionnaire)) {
    const s = r.stats.questions[question.code];
    if (!s) continue;
    const evo = r.precedente ? evolution(s, r.precedente.stats.questions[question.code]) : {};
    const categories = categoriesOf(question);
    for (const k of GROUP_KEYS) {
      const g = s.groups[k];
      const base = [r.campagne.annee, question.code] as const;
      if (categories.length === 0) {
        rows.push([
          ...base,
          '',
          k,
          g.n,
          null,
          null,
          null,
          g.secret ? null : round(g.moyenne, 2),
          g.secret ? null : round(g.mediane, 2),
          g.secret ?? '',
          k === 'ensemble' ? round(evo.moyenne ?? undefined, 2) : null,
          null,
        ]);
        continue;
      }
      for (const c of categories) {
        const p = g.secret ? undefined : g.parts?.[c];
        rows.push([
          ...base,
          c,
          k,
          g.n,
          round(p?.part),
          round(p?.low),
          round(p?.high),
          null,
          null,
          g.secret ?? '',
          k === 'ensemble' ? round(evo[c] ?? undefined, 2) : null,
          k === 'ensemble' ? (referenceFor(question.code, c)?.part ?? null) : null,
        ]);
      }
    }
  }
  return stringify(rows, { delimiter: ';', bom: true });
}
