import { allQuestions, type Question, type Questionnaire } from '../questionnaire.types.js';
import { bandRows, categoryLabel, isCategorical, overallRows, questionTable, sampleRows } from '../resultats.model.js';
import type { Resultats } from '../resultats.service.js';
import { BarChart, ChartLegend } from './chart.js';
import { ScrollTable } from './scroll-table.js';

/** The results of a campaign: the sample, then each theme's questions with charts and data tables. */

function baseNote(q: Question, questionnaire: Questionnaire): string | null {
  if (!q.condition) return null;
  const parent = allQuestions(questionnaire).find((p) => p.code === q.condition!.question);
  if (!parent) return null;
  const answers = q.condition.valeurs.map((v) => `« ${categoryLabel(parent, v)} »`).join(' ou ');
  return `Base : communes ayant répondu ${answers} à « ${parent.label} »`;
}

export function DataTable({ id, q, r }: { id: string; q: Question; r: Resultats }) {
  const stats = r.stats.questions[q.code]!;
  const t = questionTable(q, stats, r.precedente?.stats.questions[q.code]);
  const captionId = `${id}-tableau`;
  return (
    <ScrollTable labelId={captionId}>
      <table class="table btable-compact">
        <caption id={captionId}>{q.label} – part des communes (intervalle de confiance à 95 %, en %)</caption>
        <thead>
          <tr>
            <th scope="col">{isCategorical(q) ? 'Réponse' : 'Indicateur'}</th>
            {t.columns.map((c) => (
              <th scope="col" key={c.key} class="num">
                {c.label}
              </th>
            ))}
            {t.hasEvolution && (
              <th scope="col" class="num">
                Évolution depuis {r.precedente!.annee}
              </th>
            )}
            {t.hasReference && (
              <th scope="col" class="num">
                Référence nationale
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {t.rows.map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              {row.cells.map((c, i) => (
                <td key={i} class="num">
                  {c}
                </td>
              ))}
              {t.hasEvolution && <td class="num">{row.evolution ?? '—'}</td>}
              {t.hasReference && <td class="num">{row.reference || '—'}</td>}
            </tr>
          ))}
          <tr class="btable-total">
            <th scope="row">Communes répondantes</th>
            {t.counts.map((c, i) => (
              <td key={i} class="num">
                {c}
              </td>
            ))}
            {t.hasEvolution && <td />}
            {t.hasReference && <td />}
          </tr>
        </tbody>
      </table>
    </ScrollTable>
  );
}

function QuestionResult({ q, r, idPrefix }: { q: Question; r: Resultats; idPrefix: string }) {
  const id = `${idPrefix}-${q.code}`;
  const note = baseNote(q, r.campagne.questionnaire);
  if (q.type === 'texte') {
    return (
      <section class="bresult" aria-labelledby={id}>
        <h3 id={id}>{q.label}</h3>
        <p class="muted">Question ouverte : les réponses ne sont pas publiées.</p>
      </section>
    );
  }
  const stats = r.stats.questions[q.code]!;
  const bands = isCategorical(q) ? bandRows(q, stats) : null;
  return (
    <section class="bresult" aria-labelledby={id}>
      <h3 id={id}>{q.label}</h3>
      {note && <p class="bresult__base">{note}</p>}
      {isCategorical(q) && (
        <div class="bresult__charts">
          <div>
            <p class="bchart__caption">Ensemble des communes</p>
            <BarChart id={`${id}-ensemble`} title={`${q.label} – ensemble des communes`} rows={overallRows(q, stats)} />
          </div>
          {bands && (
            <div>
              <p class="bchart__caption">« {categoryLabel(q, q.principale!)} » par tranche de population</p>
              <BarChart
                id={`${id}-tranches`}
                title={`${q.label} – « ${categoryLabel(q, q.principale!)} » par tranche de population`}
                rows={bands}
              />
            </div>
          )}
        </div>
      )}
      <DataTable id={id} q={q} r={r} />
    </section>
  );
}

export function SampleTable({ r, id }: { r: Resultats; id: string }) {
  return (
    <ScrollTable labelId={`${id}-caption`}>
      <table class="table">
        <caption id={`${id}-caption`}>Communes répondantes par tranche de population</caption>
        <thead>
          <tr>
            <th scope="col">Tranche</th>
            <th scope="col" class="num">
              Communes
            </th>
            <th scope="col" class="num">
              Part de l’échantillon
            </th>
          </tr>
        </thead>
        <tbody>
          {sampleRows(r.stats).map((s) => (
            <tr key={s.label}>
              <th scope="row">{s.label}</th>
              <td class="num">{s.n}</td>
              <td class="num">{s.part}</td>
            </tr>
          ))}
          <tr class="btable-total">
            <th scope="row">Ensemble</th>
            <td class="num">{r.stats.repondants.ensemble}</td>
            <td class="num">100 %</td>
          </tr>
        </tbody>
      </table>
    </ScrollTable>
  );
}

export function ResultatsBody({ r, idPrefix = 'r' }: { r: Resultats; idPrefix?: string }) {
  return (
    <div class="bresults">
      <h2 id={`${idPrefix}-echantillon`}>Échantillon</h2>
      <p>
        {r.stats.repondants.ensemble} commune{r.stats.repondants.ensemble > 1 ? 's ont' : ' a'} répondu à la campagne{' '}
        {r.campagne.annee}.
        {r.precedente && ` Les évolutions sont calculées par rapport à la campagne ${r.precedente.annee}.`}
      </p>
      <SampleTable r={r} id={`${idPrefix}-sample`} />
      <ChartLegend withReference />
      {r.campagne.questionnaire.themes.map((t) => (
        <section key={t.code} aria-labelledby={`${idPrefix}-theme-${t.code}`}>
          <h2 id={`${idPrefix}-theme-${t.code}`}>{t.titre}</h2>
          {t.questions.map((q) => (
            <QuestionResult key={q.code} q={q} r={r} idPrefix={idPrefix} />
          ))}
        </section>
      ))}
    </div>
  );
}
