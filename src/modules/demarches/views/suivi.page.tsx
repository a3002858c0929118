import { CsrfField, ErrorSummary, type Errors, Notice, TextAreaField } from '../../../ui/form.js';
import { formatDateTime } from '../../../ui/format.js';
import { PublicLayout, type PublicShell } from '../../../ui/public-layout.js';
import type { Demande } from '../demarches.repo.js';
import { isFinal, isStatus, STATUS_LABELS } from '../demarches.rules.js';
import type { Evenement, Piece } from '../evenements.repo.js';
import { displayAnswer, isDisplayOnly } from '../fields.rules.js';

export const eventTitle = (e: Evenement): string => {
  if (e.kind === 'statut' && e.toStatus && isStatus(e.toStatus)) return `Statut : ${STATUS_LABELS[e.toStatus]}`;
  if (e.kind === 'message_agent') return 'Message de la mairie';
  if (e.kind === 'message_usager') return 'Message du demandeur';
  if (e.kind === 'note') return 'Note interne';
  return e.kind;
};

/** The history of a request, oldest first. */
export function History({ evenements }: { evenements: Evenement[] }) {
  return (
    <ol class="demande-history">
      {evenements.map((e) => (
        <li key={e.id} class={`demande-event demande-event--${e.kind}`}>
          <p class="demande-event__head">
            <strong>{eventTitle(e)}</strong> — {e.author},{' '}
            <time dateTime={e.createdAt}>{formatDateTime(e.createdAt)}</time>
          </p>
          <p class="demande-event__body">{e.body}</p>
        </li>
      ))}
    </ol>
  );
}

/** The answers of a request, as a description list. */
export function Answers({ demande, pieces }: { demande: Demande; pieces: Piece[] }) {
  return (
    <dl class="demande-answers">
      {demande.form
        .filter((f) => !isDisplayOnly(f) && f.type !== 'file' && demande.answers[f.name] !== undefined)
        .map((f) => (
          <div key={f.name}>
            <dt>{f.label}</dt>
            <dd>{displayAnswer(f, demande.answers[f.name])}</dd>
          </div>
        ))}
      {pieces.length > 0 && (
        <div>
          <dt>Pièces jointes</dt>
          <dd>{pieces.map((p) => p.name).join(', ')}</dd>
        </div>
      )}
    </dl>
  );
}

export interface SuiviView {
  shell: PublicShell;
  csrfToken: string;
  token: string;
  demande: Demande;
  evenements: Evenement[];
  pieces: Piece[];
  values?: Record<string, string>;
  errors?: Errors;
  sent?: boolean;
}

/** /suivi/<reference>?jeton=…: status, history, messages, and the answer form. */
export function SuiviPage(v: SuiviView) {
  const d = v.demande;
  const errors = v.errors ?? {};
  const action = `/suivi/${d.reference}?jeton=${encodeURIComponent(v.token)}&_csrf=${encodeURIComponent(v.csrfToken)}`;
  return (
    <PublicLayout shell={v.shell} title={`Demande ${d.reference}`}>
      <div class="container prose">
        <h1>Demande {d.reference}</h1>
        {v.sent && <Notice kind="success">Votre message a bien été transmis à la mairie.</Notice>}
        <p>
          {d.typeTitle} — reçue le {formatDateTime(d.receivedAt)}.
        </p>
        <p class="demande-status">
          Statut : <strong>{STATUS_LABELS[d.status]}</strong>
        </p>
        <p>
          <a href={`/suivi/${d.reference}/accuse.pdf?jeton=${encodeURIComponent(v.token)}`}>
            Télécharger l’accusé de réception (PDF)
          </a>
        </p>
        <h2>Votre demande</h2>
        <Answers demande={d} pieces={v.pieces} />
        <h2>Historique et messages</h2>
        <History evenements={v.evenements} />
        {!isFinal(d.status) && (
          <>
            <h2>Répondre à la mairie</h2>
            <ErrorSummary errors={errors} labels={{ body: 'Votre message', piece: 'Pièce jointe' }} />
            <form method="post" action={action} enctype="multipart/form-data" class="card" novalidate>
              <CsrfField token={v.csrfToken} />
              <TextAreaField name="body" label="Votre message" value={v.values?.body} error={errors.body} />
              <div class={errors.piece ? 'field field--error' : 'field'}>
                <label for="champ-piece" class="field__label">
                  Pièce jointe (facultative)
                </label>
                <p class="field__hint" id="aide-piece">
                  Formats acceptés : PDF, JPEG, PNG ou WebP, 10 Mo au maximum.
                </p>
                {errors.piece && (
                  <p class="field__error" id="erreur-piece">
                    <span class="sr-only">Erreur : </span>
                    {errors.piece}
                  </p>
                )}
                <input type="file" id="champ-piece" name="piece" class="input" aria-describedby="aide-piece" />
              </div>
              <button type="submit" class="button">
                Envoyer
              </button>
            </form>
          </>
        )}
      </div>
    </PublicLayout>
  );
}
