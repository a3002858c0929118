import { AdminLayout, type AdminShell } from '../../../ui/admin-layout.js';
import { Notice } from '../../../ui/form.js';
import { type GroupKey, type GroupStats, type TrancheCode, trancheLabel } from '../barometre.stats.js';
import { formatNombre, formatPart } from '../chart.model.js';
import { displayValue, isApplicable } from '../questionnaire.rules.js';
import type { Question, Valeurs } from '../questionnaire.types.js';
import { categoryLabel, isCategorical } from '../resultats.model.js';
import type { Resultats } from '../resultats.service.js';
import { ScrollTable } from './scroll-table.js';

export interface ComparaisonView {
  shell: AdminShell;
  annee: number;
  repondu: boolean;
  valeurs: Valeurs;
  resultats: Resultats;
  tranche: TrancheCode | null;
}

/** A group's figures for a question, in one line. */
function figures(q: Question, g: GroupStats | undefined): string {
  if (!g || g.n === 0) return 'Aucune réponse';
  if (g.secret) return 'Non diffusé : secret statistique (moins de 5 communes ou déduction possible)';
  if (isCategorical(q) && g.parts) {
    return Object.entries(g.parts)
      .map(([code, p]) => `${categoryLabel(q, code)} : ${formatPart(p.part)}`)
      .join(' ; ');
  }
  return `Moyenne ${formatNombre(g.moyenne ?? Number.NaN)}, médiane ${formatNombre(g.mediane ?? Number.NaN)}`;
}

export function ComparaisonPage(v: ComparaisonView) {
  const band: GroupKey | null = v.tranche;
  const q = v.resultats.campagne.questionnaire;
  return (
    <AdminLayout shell={v.shell} title={`Baromètre ${v.annee}`}>
      <h1>Baromètre numérique {v.annee}</h1>
      <p>
        <a href="/admin/barometre">Retour au baromètre</a>
      </p>
      {!v.repondu && <Notice kind="info">La commune n’a pas répondu à cette campagne.</Notice>}
      <p>
        {v.resultats.stats.repondants.ensemble} communes ont répondu.
        {band && ` Votre tranche : ${trancheLabel(band)} (${v.resultats.stats.repondants[band]} communes).`}
      </p>
      {q.themes.map((t) => (
        <ScrollTable key={t.code} labelId={`cmp-${t.code}`}>
          <table class="table">
            <caption id={`cmp-${t.code}`}>{t.titre}</caption>
            <thead>
              <tr>
                <th scope="col">Question</th>
                <th scope="col">Réponse de la commune</th>
                <th scope="col">Communes de votre tranche</th>
                <th scope="col">Ensemble des communes</th>
              </tr>
            </thead>
            <tbody>
              {t.questions
                .filter((question) => question.type !== 'texte')
                .map((question) => {
                  const s = v.resultats.stats.questions[question.code];
                  return (
                    <tr key={question.code}>
                      <th scope="row">{question.label}</th>
                      <td>
                        {!v.repondu
                          ? '—'
                          : isApplicable(question, v.valeurs)
                            ? displayValue(question, v.valeurs[question.code])
                            : 'Sans objet'}
                      </td>
                      <td>{band ? figures(question, s?.groups[band]) : '—'}</td>
                      <td>{figures(question, s?.groups.ensemble)}</td>
                    </tr>
                  );
                })}
            </tbody>
          </table>
        </ScrollTable>
      ))}
    </AdminLayout>
  );
}
