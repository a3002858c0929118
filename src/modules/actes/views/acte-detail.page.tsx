import { AdminLayout, type AdminShell } from '../../../ui/admin-layout.js';
import { CsrfField, ErrorSummary, type Errors, Notice, SelectField, TextField } from '../../../ui/form.js';
import type { ActeDetail } from '../acte-edit.service.js';
import {
  EXCEPTIONS_TRANSMISSION,
  isIndividuelle,
  NATURE_INFO,
  PUBLICITE_LABELS,
  type PubliciteMode,
  transitionProblem,
} from '../actes.rules.js';
import { ACTE_FIELD_LABELS } from '../actes.schemas.js';
import type { MatiereItem } from '../classification.rules.js';
import { publicFileName } from '../public.service.js';
import { ActeFormFields, MESSAGES, StatutBadge } from './actes-admin.page.js';
import { formatDay, formatInstant, formatSize } from './format.js';

export interface ActeDetailView {
  shell: AdminShell;
  d: ActeDetail;
  values: Record<string, string>;
  errors: Errors;
  /** A refused action's French message. */
  error?: string | undefined;
  message?: string | undefined;
  matieres: MatiereItem[];
  modePublicite: PubliciteMode;
  today: string;
}

const LABELS: Record<string, string> = {
  ...ACTE_FIELD_LABELS,
  identifiant: 'Identifiant @CTES',
  transmisLe: 'Date de transmission',
  arRecuLe: 'Date de l’accusé de réception',
  notifieLe: 'Date de notification',
  date: 'Date du retrait ou de l’annulation',
  motif: 'Motif',
  kind: 'Retrait ou annulation',
  fichier: 'Fichier de la préfecture',
};

function Tracks({ d, mode }: { d: ActeDetail; mode: PubliciteMode }) {
  const a = d.acte;
  const individuel = isIndividuelle(a.nature);
  return (
    <dl class="acte-facts">
      <dt>État</dt>
      <dd>
        <StatutBadge statut={a.statut} />
        {a.signeLe && ` · signé le ${formatInstant(a.signeLe)}`}
      </dd>
      <dt>Publicité</dt>
      <dd>
        {individuel
          ? a.notifieLe
            ? `Notifiée le ${formatDay(a.notifieLe)} (décision individuelle, absente du registre public)`
            : 'À notifier aux personnes intéressées (décision individuelle, absente du registre public)'
          : a.publieLe
            ? `${PUBLICITE_LABELS[(a.publiciteMode ?? mode) as PubliciteMode]} le ${formatInstant(a.publieLe)}`
            : `À publier (${PUBLICITE_LABELS[mode].toLowerCase()})`}
      </dd>
      <dt>Transmission au préfet</dt>
      <dd>
        {!a.transmissionRequise
          ? `Non requise${a.transmissionException ? ` (${EXCEPTIONS_TRANSMISSION[a.transmissionException].label.toLowerCase()})` : ''}`
          : a.transmisLe
            ? `Transmis le ${formatDay(a.transmisLe)}${a.transmissionId ? ` (${a.transmissionId})` : ''}${a.arRecuLe ? `, accusé de réception du ${formatDay(a.arRecuLe)}` : ', accusé de réception attendu'}`
            : 'À transmettre (article L2131-2 du CGCT)'}
        {a.anomalie && (
          <>
            <br />
            <strong>Anomalie signalée par la préfecture :</strong> {a.anomalie}
          </>
        )}
      </dd>
      <dt>Exécutoire</dt>
      <dd>
        {d.executoire.executoire && d.executoire.depuis
          ? `Oui, depuis le ${formatDay(d.executoire.depuis)}`
          : `Non : ${d.executoire.manque.join(', ')}`}
      </dd>
      <dt>Signataire</dt>
      <dd>
        {a.auteurNom}, {a.auteurQualite}
      </dd>
      {a.vote && (
        <>
          <dt>Vote</dt>
          <dd>
            {a.vote.effectif} en exercice, {a.vote.presents} présents, {a.vote.representes} représentés : {a.vote.pour}{' '}
            pour, {a.vote.contre} contre, {a.vote.abstention} abstentions
            {a.vote.nePrendPasPart > 0 && `, ${a.vote.nePrendPasPart} ne prenant pas part au vote`}
          </dd>
        </>
      )}
      {a.seanceId !== null && (
        <>
          <dt>Séance</dt>
          <dd>
            <a href={`/admin/conseil/seances/${a.seanceId}`}>Séance du conseil municipal</a>
          </dd>
        </>
      )}
      {a.finLe && (
        <>
          <dt>{a.statut === 'retire' ? 'Retrait' : 'Annulation'}</dt>
          <dd>
            {formatDay(a.finLe)} : {a.finMotif}
          </dd>
        </>
      )}
    </dl>
  );
}

function Documents({ d }: { d: ActeDetail }) {
  const a = d.acte;
  const projet = a.statut === 'projet';
  return (
    <section aria-labelledby="documents">
      <h2 id="documents">Documents</h2>
      <ul class="actes-docs">
        {d.document ? (
          <li>
            <a href={`/admin/actes/${a.id}/fichiers/${d.document.id}`}>
              {a.documentSource === 'depose' ? 'PDF signé déposé' : 'PDF de l’acte'} ({formatSize(d.document.size)})
            </a>
            {a.publieLe && (
              <>
                {' '}
                · adresse publique :{' '}
                <a href={`/actes/${a.id}/${publicFileName(a, d.document.mime, null)}`}>
                  /actes/{a.id}/{publicFileName(a, d.document.mime, null)}
                </a>
              </>
            )}
            <p class="small">
              Empreinte SHA-256 : <span class="empreinte">{d.document.sha256}</span>
            </p>
          </li>
        ) : (
          <li>
            {projet
              ? 'Le PDF sera produit à la signature à partir du texte, sauf si vous déposez le PDF signé.'
              : 'Aucun document.'}
          </li>
        )}
        {d.annexes.map((x, i) => (
          <li key={x.id}>
            <a href={`/admin/actes/${a.id}/fichiers/${x.fileId}`}>
              Annexe {i + 1}
              {x.typePj ? ` (${x.typePj})` : ''} : {x.file?.originalName}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** /admin/actes/<id>: the act, its two tracks, and what can be done with it now. */
export function ActeDetailPage(v: ActeDetailView) {
  const a = v.d.acte;
  const can = (action: Parameters<typeof transitionProblem>[0]) => transitionProblem(action, a) === null;
  const notice = v.message ? MESSAGES[v.message] : undefined;
  const title = `${NATURE_INFO[a.nature].label} n° ${a.numero}`;
  const csrf = v.shell.csrfToken;
  return (
    <AdminLayout shell={v.shell} title={title}>
      <p>
        <a href="/admin/actes">← Retour aux actes</a>
      </p>
      <h1>
        {title} : {a.objet}
      </h1>
      {notice && <Notice kind="success">{notice}</Notice>}
      {v.error && (
        <Notice kind="error">
          <p>{v.error}</p>
        </Notice>
      )}
      <ErrorSummary errors={v.errors} labels={LABELS} />
      <Tracks d={v.d} mode={v.modePublicite} />
      <Documents d={v.d} />
      {a.publieLe && (
        <p>
          <a href={`/actes/${a.id}`}>Voir l’acte dans le registre public</a>
        </p>
      )}

      {can('signer') && (
        <section aria-labelledby="signature" class="card">
          <h2 id="signature">Signer</h2>
          <p>
            La signature rend le document définitif : l’acte ne pourra plus être modifié, seulement publié, transmis ou
            retiré.
          </p>
          <form method="post" action={`/admin/actes/${a.id}/signer`}>
            <CsrfField token={csrf} />
            <button class="button" type="submit">
              Signer l’acte
            </button>
          </form>
        </section>
      )}
      {a.statut === 'signe' && !isIndividuelle(a.nature) && (
        <section aria-labelledby="publication" class="card">
          <h2 id="publication">Publier</h2>
          <p>
            Mode de publicité de la commune : {PUBLICITE_LABELS[v.modePublicite].toLowerCase()}. L’acte sera mis en
            ligne dans le registre public avec la date de mise en ligne, et son empreinte inscrite au registre
            d’intégrité.
          </p>
          <form method="post" action={`/admin/actes/${a.id}/publier`}>
            <CsrfField token={csrf} />
            <button class="button" type="submit">
              Publier l’acte
            </button>
          </form>
        </section>
      )}
      {a.statut === 'projet' && !isIndividuelle(a.nature) && (
        <section aria-labelledby="publication" class="card">
          <h2 id="publication">Publier</h2>
          <p>Un acte est publié une fois signé.</p>
          <form method="post" action={`/admin/actes/${a.id}/publier`}>
            <CsrfField token={csrf} />
            <button class="button button--ghost" type="submit">
              Publier l’acte
            </button>
          </form>
        </section>
      )}
      {can('notifier') && (
        <section aria-labelledby="notification" class="card">
          <h2 id="notification">Notifier</h2>
          <form method="post" action={`/admin/actes/${a.id}/notifier`} novalidate>
            <CsrfField token={csrf} />
            <TextField
              name="notifieLe"
              type="date"
              label="Date de notification aux personnes intéressées"
              value={v.values.notifieLe ?? v.today}
              error={v.errors.notifieLe}
              required
            />
            <button class="button" type="submit">
              Enregistrer la notification
            </button>
          </form>
        </section>
      )}
      {a.transmissionRequise && can('transmettre') && (
        <section aria-labelledby="transmission" class="card">
          <h2 id="transmission">Transmettre au contrôle de légalité</h2>
          <p>
            <a class="button button--ghost" href={`/admin/actes/${a.id}/ctes`}>
              Télécharger l’archive @CTES pour le tiers de télétransmission
            </a>
          </p>
          <form method="post" action={`/admin/actes/${a.id}/transmission`} novalidate>
            <CsrfField token={csrf} />
            <fieldset class="fieldset">
              <legend>Enregistrer la transmission</legend>
              <TextField
                name="identifiant"
                label="Identifiant @CTES de l’acte"
                hint="Donné par le tiers de télétransmission, par exemple 062-216200010-20261120-A2026_004-AR."
                value={v.values.identifiant ?? a.transmissionId ?? ''}
                error={v.errors.identifiant}
                required
              />
              <div class="field-row">
                <TextField
                  name="transmisLe"
                  type="date"
                  label="Date de transmission"
                  value={v.values.transmisLe ?? a.transmisLe ?? v.today}
                  error={v.errors.transmisLe}
                  required
                />
                <TextField
                  name="arRecuLe"
                  type="date"
                  label="Date de l’accusé de réception"
                  value={v.values.arRecuLe ?? a.arRecuLe ?? ''}
                  error={v.errors.arRecuLe}
                />
              </div>
              <button class="button" type="submit">
                Enregistrer la transmission
              </button>
            </fieldset>
          </form>
          <form method="post" action="/admin/actes/retour-prefecture" enctype="multipart/form-data">
            <CsrfField token={csrf} />
            <fieldset class="fieldset">
              <legend>Importer le retour de la préfecture</legend>
              <div class="field">
                <label class="field__label" for="champ-fichier">
                  Accusé de réception (1-2) ou anomalie (1-3), fichier XML ou archive .tar.gz
                </label>
                <input class="input" type="file" id="champ-fichier" name="fichier" accept=".xml,.gz,.tar.gz" />
              </div>
              <button class="button button--ghost" type="submit">
                Importer le retour
              </button>
            </fieldset>
          </form>
        </section>
      )}
      {a.statut === 'projet' && (
        <>
          <section aria-labelledby="modifier">
            <h2 id="modifier">Modifier le projet</h2>
            <ActeFormFields values={v.values} errors={v.errors} matieres={v.matieres} csrfToken={csrf} acteId={a.id} />
          </section>
          <section aria-labelledby="depot" class="card">
            <h2 id="depot">Déposer le PDF signé ou une annexe</h2>
            <form method="post" action={`/admin/actes/${a.id}/document`} enctype="multipart/form-data">
              <CsrfField token={csrf} />
              <div class={v.errors.document ? 'field field--error' : 'field'}>
                <label class="field__label" for="champ-document">
                  PDF de l’acte signé (20 Mo au plus)
                </label>
                {v.errors.document && (
                  <p class="field__error" id="erreur-document">
                    <span class="sr-only">Erreur : </span>
                    {v.errors.document}
                  </p>
                )}
                <input
                  class="input"
                  type="file"
                  id="champ-document"
                  name="document"
                  accept="application/pdf,.pdf"
                  aria-describedby={v.errors.document ? 'erreur-document' : undefined}
                />
              </div>
              <button class="button" type="submit">
                Déposer le PDF signé
              </button>
            </form>
            <form method="post" action={`/admin/actes/${a.id}/annexes`} enctype="multipart/form-data">
              <CsrfField token={csrf} />
              <div class={v.errors.annexe ? 'field field--error' : 'field'}>
                <label class="field__label" for="champ-annexe">
                  Annexe (PDF, PNG ou JPEG)
                </label>
                {v.errors.annexe && (
                  <p class="field__error" id="erreur-annexe">
                    <span class="sr-only">Erreur : </span>
                    {v.errors.annexe}
                  </p>
                )}
                <input class="input" type="file" id="champ-annexe" name="annexe" accept=".pdf,.png,.jpg,.jpeg" />
              </div>
              <TextField
                name="typePj"
                label="Type de pièce jointe @CTES (facultatif)"
                hint="Cinq caractères, par exemple 22_PN pour un plan."
                value={v.values.typePj}
                error={v.errors.typePj}
              />
              <button class="button button--ghost" type="submit">
                Ajouter l’annexe
              </button>
            </form>
            {v.d.annexes.length > 0 && (
              <ul>
                {v.d.annexes.map((x, i) => (
                  <li key={x.id}>
                    <form method="post" action={`/admin/actes/${a.id}/annexes/${x.id}/supprimer`} class="inline-form">
                      <CsrfField token={csrf} />
                      Annexe {i + 1} : {x.file?.originalName}{' '}
                      <button class="button button--small button--danger" type="submit">
                        Retirer l’annexe {i + 1}
                      </button>
                    </form>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
      {can('retirer') && (
        <section aria-labelledby="fin" class="card">
          <h2 id="fin">Retrait ou annulation</h2>
          <p>L’acte n’est jamais supprimé : il reste au registre avec la mention du retrait ou de l’annulation.</p>
          <form method="post" action={`/admin/actes/${a.id}/fin`} novalidate>
            <CsrfField token={csrf} />
            <SelectField
              name="kind"
              label="Nature de la fin"
              value={v.values.kind ?? 'retrait'}
              error={v.errors.kind}
              options={[
                { value: 'retrait', label: 'Retrait par la commune' },
                { value: 'annulation', label: 'Annulation (juge administratif ou autre décision)' },
              ]}
            />
            <TextField
              name="date"
              type="date"
              label="Date"
              value={v.values.date ?? v.today}
              error={v.errors.date}
              required
            />
            <TextField
              name="motif"
              label="Motif ou décision qui y conduit"
              value={v.values.motif}
              error={v.errors.motif}
              required
            />
            <button class="button button--danger" type="submit">
              Enregistrer le retrait ou l’annulation
            </button>
          </form>
        </section>
      )}
      {v.d.echanges.length > 0 && (
        <section aria-labelledby="echanges">
          <h2 id="echanges">Échanges avec la préfecture</h2>
          <ul>
            {v.d.echanges.map((e) => (
              <li key={`${e.type}-${e.occurredAt}`}>
                {formatInstant(e.occurredAt)} : message {e.type}
                {e.type === '1-2' ? ' (accusé de réception)' : e.type === '1-3' ? ' (anomalie)' : ' (transmission)'}
              </li>
            ))}
          </ul>
        </section>
      )}
    </AdminLayout>
  );
}
