import { AdminLayout, type AdminShell } from '../../../ui/admin-layout.js';
import { CsrfField, ErrorSummary, type Errors, Notice } from '../../../ui/form.js';
import { formatDateTime } from '../../../ui/format.js';
import { fieldName } from '../barometre.schemas.js';
import { trancheLabel } from '../barometre.stats.js';
import { displayValue } from '../questionnaire.rules.js';
import { allQuestions, type Questionnaire, type Valeurs } from '../questionnaire.types.js';
import type { CommuneBarometre } from '../reponse.service.js';
import { QuestionField } from './question-field.js';

export interface QuestionnaireView {
  shell: AdminShell;
  data: CommuneBarometre;
  raw: Record<string, string>;
  /** Question codes shown as pre-filled. */
  prerempli: ReadonlySet<string>;
  errors?: Errors;
  message?: string | undefined;
  canEdit: boolean;
  canSubmit: boolean;
}

const MESSAGES: Record<string, string> = {
  enregistre: 'Le brouillon a été enregistré.',
  soumis: 'La réponse de la commune a été soumise. Merci !',
};

function labelsOf(questionnaire: Questionnaire): Record<string, string> {
  return Object.fromEntries(allQuestions(questionnaire).map((q) => [fieldName(q), q.label]));
}

function SubmittedAnswers({ questionnaire, valeurs }: { questionnaire: Questionnaire; valeurs: Valeurs }) {
  return (
    <>
      {questionnaire.themes.map((t) => (
        <section key={t.code} class="card" aria-labelledby={`theme-${t.code}`}>
          <h2 id={`theme-${t.code}`}>{t.titre}</h2>
          <dl class="bq__answers">
            {t.questions.map((q) => (
              <div key={q.code}>
                <dt>{q.label}</dt>
                <dd>{displayValue(q, valeurs[q.code])}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </>
  );
}

function ClosedCampaigns({ data }: { data: CommuneBarometre }) {
  if (data.closes.length === 0) return null;
  return (
    <section class="card" aria-labelledby="resultats-passes">
      <h2 id="resultats-passes">Résultats des campagnes closes</h2>
      <p>Comparez les réponses de la commune aux chiffres des communes de sa tranche de population.</p>
      <ul>
        {data.closes.map((c) => (
          <li key={c.campagne.annee}>
            <a href={`/admin/barometre/${c.campagne.annee}`}>Baromètre {c.campagne.annee}</a>
            {c.repondu ? ' – la commune a répondu' : ' – la commune n’a pas répondu'}
          </li>
        ))}
      </ul>
    </section>
  );
}

function AnswerForm({ v }: { v: QuestionnaireView }) {
  const campagne = v.data.campagne!;
  const q = campagne.questionnaire;
  const errors = v.errors ?? {};
  return (
    <form method="post" action="/admin/barometre" novalidate class="bq-form">
      <CsrfField token={v.shell.csrfToken} />
      <input type="hidden" name="annee" value={String(campagne.annee)} />
      {q.themes.map((t) => (
        <fieldset key={t.code} class="card bq__theme">
          <legend class="bq__theme-title">{t.titre}</legend>
          {t.questions.map((question) => (
            <QuestionField
              key={question.code}
              q={question}
              questionnaire={q}
              raw={v.raw}
              errors={errors}
              prerempli={v.prerempli.has(question.code)}
            />
          ))}
        </fieldset>
      ))}
      <div class="bq__actions">
        <button type="submit" name="action" value="enregistrer" class="button button--ghost">
          Enregistrer le brouillon
        </button>
        {v.canSubmit && (
          <button type="submit" name="action" value="soumettre" class="button">
            Soumettre la réponse de la commune
          </button>
        )}
      </div>
      {!v.canSubmit && <p class="field__hint">Un administrateur de la commune soumettra la réponse.</p>}
    </form>
  );
}

export function QuestionnairePage(v: QuestionnaireView) {
  const { campagne, answer, tranche } = v.data;
  const reponse = answer.reponse;
  return (
    <AdminLayout shell={v.shell} title="Baromètre numérique">
      <h1>Baromètre numérique</h1>
      {v.message && MESSAGES[v.message] && <Notice kind="success">{MESSAGES[v.message]}</Notice>}
      <p>
        Chaque année, le baromètre interroge les mairies des communes de moins de 10 000 habitants sur leurs usages du
        numérique. Les résultats ne montrent jamais une commune seule : aucun groupe de moins de 5 communes n’est
        publié.
      </p>
      {tranche === null ? (
        <Notice kind="info">Le baromètre concerne les communes de moins de 10 000 habitants.</Notice>
      ) : !campagne ? (
        <Notice kind="info">Aucune campagne n’est ouverte en ce moment.</Notice>
      ) : (
        <section aria-labelledby="campagne-ouverte">
          <h2 id="campagne-ouverte">Campagne {campagne.annee}</h2>
          <p>
            Tranche de la commune : {trancheLabel(tranche)}.{' '}
            {reponse?.statut === 'soumise'
              ? `Réponse soumise le ${formatDateTime(reponse.submittedAt ?? reponse.updatedAt)}.`
              : reponse
                ? `Brouillon enregistré le ${formatDateTime(reponse.updatedAt)}.`
                : 'La commune n’a pas encore répondu.'}
          </p>
          {reponse?.statut === 'soumise' ? (
            <SubmittedAnswers questionnaire={campagne.questionnaire} valeurs={answer.valeurs} />
          ) : v.canEdit ? (
            <>
              <ErrorSummary errors={v.errors ?? {}} labels={labelsOf(campagne.questionnaire)} />
              <p>
                Les questions de suivi (« Si vous avez répondu… ») ne sont prises en compte que si la réponse dont elles
                dépendent les appelle.
              </p>
              <AnswerForm v={v} />
            </>
          ) : (
            <Notice kind="info">Votre rôle permet de consulter le baromètre, pas d’y répondre.</Notice>
          )}
        </section>
      )}
      <ClosedCampaigns data={v.data} />
    </AdminLayout>
  );
}
