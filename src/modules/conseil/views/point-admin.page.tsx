import { formatSize } from '../../../core/files/index.js';
import { AdminLayout, type AdminShell } from '../../../ui/admin-layout.js';
import {
  CheckboxField,
  CsrfField,
  ErrorSummary,
  type Errors,
  Notice,
  SelectField,
  TextAreaField,
  TextField,
} from '../../../ui/form.js';
import { etatAu, type SeanceDossier } from '../conseil.dossier.js';
import type { Point, Tour } from '../conseil.repo.js';
import { MODE_LABELS, SENS_LABELS, type SensVote } from '../conseil.rules.js';
import { VOTE_FIELD_LABELS } from '../conseil.schemas.js';
import { DataTable, membreOptions, PointFields } from './blocks.js';
import { BASE } from './conseil-admin.page.js';
import { QuorumLine, seanceTitle } from './seance-admin.page.js';

const MESSAGES: Record<string, string> = {
  point: 'Le point est enregistré.',
  document: 'Le document est joint au point.',
  vote: 'Le vote est enregistré.',
  tour: 'Le tour de scrutin est enregistré.',
  huisclos: 'Le huis clos est décidé pour ce point.',
  delib: 'Le texte de la délibération est enregistré.',
  finalisee:
    'La délibération est finalisée : elle est inscrite au registre des actes, où elle doit être signée puis publiée.',
};

/** The four counts of a vote, as named in the form and on the point. */
const COUNTS = [
  ['pour', 'Pour'],
  ['contre', 'Contre'],
  ['abstention', 'Abstentions'],
  ['npp', 'Ne prennent pas part au vote'],
] as const;

export interface PointView {
  shell: AdminShell;
  d: SeanceDossier;
  p: Point;
  canManage: boolean;
  tours: Tour[];
  nominatifs: Map<number, SensVote>;
  delibTexte: string;
  /** Form state of each section (values and errors after a refused post). */
  forms: {
    point?: { values: Record<string, string>; errors: Errors };
    vote?: { values: Record<string, string>; errors: Errors };
    tour?: { values: Record<string, string>; errors: Errors };
    huisClos?: { values: Record<string, string>; errors: Errors };
    document?: { errors: Errors };
    delib?: { errors: Errors };
  };
  message?: string | undefined;
  error?: string | undefined;
}

export const pointValues = (p: Point): Record<string, string> => ({
  titre: p.titre,
  rapporteurId: p.rapporteurId === null ? '' : String(p.rapporteurId),
  note: p.note,
  matiereCode: p.matiereCode ?? '',
  nomination: p.nomination ? 'on' : '',
});

function Resultat({ p, d }: { p: Point; d: SeanceDossier }) {
  if (p.resultat === null) return <p>Pas encore de vote enregistré.</p>;
  const label = p.resultat === 'adopte' ? 'Adopté' : p.resultat === 'nomme' ? 'Nomination prononcée' : 'Rejeté';
  return (
    <div class="card">
      <p>
        <strong>{label}</strong> – {p.modeScrutin ? MODE_LABELS[p.modeScrutin] : ''} : pour {p.pour}, contre {p.contre},
        abstentions {p.abstention}, ne prennent pas part {p.npp}.
        {p.voixPreponderante && ' Partage égal des voix : la voix du président a été prépondérante.'}
      </p>
      {p.resultat === 'nomme' && <p>Le point désigne un membre : voir les tours de scrutin ci-dessous.</p>}
      <p class="muted">Président de séance : {d.nom(d.seance.presidentId)}.</p>
    </div>
  );
}

function VoteForm(v: PointView) {
  const { d, p } = v;
  const c = etatAu(d, p.numero).composition;
  const f = v.forms.vote ?? { values: {}, errors: {} };
  const val = (k: string, dflt = '') => f.values[k] ?? dflt;
  const voters = [...c.presents, ...c.representes];
  return (
    <form method="post" action={`${BASE}/seances/${d.seance.id}/points/${p.id}/vote`} novalidate class="card">
      <h3>Enregistrer le vote</h3>
      <ErrorSummary errors={f.errors} labels={VOTE_FIELD_LABELS} />
      <CsrfField token={v.shell.csrfToken} />
      <fieldset class="fieldset">
        <legend>Demandes de scrutin particulier</legend>
        <p class="field__hint">
          Scrutin public si un quart des membres présents le demande ; scrutin secret si un tiers le demande (le secret
          l’emporte).
        </p>
        <div class="field-row">
          <TextField
            name="demandesPublic"
            label="Demandes de scrutin public"
            type="number"
            value={val('demandesPublic', String(p.demandesPublic))}
            error={f.errors.demandesPublic}
          />
          <TextField
            name="demandesSecret"
            label="Demandes de scrutin secret"
            type="number"
            value={val('demandesSecret', String(p.demandesSecret))}
            error={f.errors.demandesSecret}
          />
        </div>
      </fieldset>
      <fieldset class="fieldset">
        <legend>Résultat ({voters.length} membres présents ou représentés)</legend>
        {f.errors._form && (
          <p class="field__error" id="erreur-_form">
            {f.errors._form}
          </p>
        )}
        <div class="field-row">
          {COUNTS.map(([name, label]) => (
            <TextField
              key={name}
              name={name}
              label={label}
              type="number"
              value={val(name, String(p[name] ?? ''))}
              error={f.errors[name]}
            />
          ))}
        </div>
        <SelectField
          name="votePresident"
          label="Vote du président (compte en cas de partage égal, sauf scrutin secret)"
          value={val('votePresident')}
          options={[
            { value: '', label: '— non précisé —' },
            ...Object.entries(SENS_LABELS).map(([value, label]) => ({ value, label })),
          ]}
          error={f.errors.votePresident}
        />
      </fieldset>
      <fieldset class="fieldset">
        <legend>Scrutin public : vote de chaque membre</legend>
        <p class="field__hint">
          À remplir seulement en scrutin public : les nombres ci-dessus sont alors calculés à partir des votes
          nominatifs.
        </p>
        <DataTable caption="Vote nominatif des membres présents ou représentés" columns={['Membre', 'Vote']}>
          {voters.map((id) => (
            <tr key={id}>
              <th scope="row">
                {d.nom(id)}
                {c.representes.includes(id) && ' (par procuration)'}
              </th>
              <td>
                <label class="sr-only" for={`champ-sens_${id}`}>
                  Vote de {d.nom(id)}
                </label>
                <select class="input" id={`champ-sens_${id}`} name={`sens_${id}`}>
                  <option value="">—</option>
                  {Object.entries(SENS_LABELS).map(([value, label]) => (
                    <option
                      key={value}
                      value={value}
                      selected={(f.values[`sens_${id}`] ?? v.nominatifs.get(id) ?? '') === value}
                    >
                      {label}
                    </option>
                  ))}
                </select>
                {f.errors[`sens_${id}`] && <p class="field__error">{f.errors[`sens_${id}`]}</p>}
              </td>
            </tr>
          ))}
        </DataTable>
      </fieldset>
      <button type="submit" class="button">
        Enregistrer le vote
      </button>
    </form>
  );
}

function ToursForm(v: PointView) {
  const { d, p } = v;
  const f = v.forms.tour ?? { values: {}, errors: {} };
  const done = v.tours.some((t) => t.eluId !== null);
  const editable =
    v.canManage && d.seance.convoqueeLe !== null && p.delibStatut !== 'finalisee' && etatAu(d, p.numero).quorum.atteint;
  return (
    <>
      {v.tours.length > 0 && (
        <DataTable
          caption="Tours de scrutin de la nomination"
          columns={['Tour', 'Votants', 'Blancs et nuls', 'Voix', 'Élu']}
        >
          {v.tours.map((t) => (
            <tr key={t.tour}>
              <td>{t.tour}</td>
              <td>{t.votants}</td>
              <td>{t.blancsNuls}</td>
              <td>
                {Object.entries(t.resultats)
                  .map(([id, n]) => `${d.nom(Number(id))} : ${n}`)
                  .join(', ')}
              </td>
              <td>{t.eluId === null ? 'Personne (tour suivant)' : d.nom(t.eluId)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {editable && !done && v.tours.length < 3 && (
        <form method="post" action={`${BASE}/seances/${d.seance.id}/points/${p.id}/tour`} novalidate class="card">
          <h3>Tour n° {v.tours.length + 1}</h3>
          <p class="field__hint">
            Majorité absolue des suffrages exprimés aux deux premiers tours, majorité relative au troisième ; en cas
            d’égalité, le plus âgé est élu.
          </p>
          <ErrorSummary errors={f.errors} labels={{ votants: 'Votants', blancsNuls: 'Blancs et nuls' }} />
          <CsrfField token={v.shell.csrfToken} />
          <CheckboxField
            name="secretRenonce"
            label="Le conseil a décidé à l’unanimité de ne pas voter à bulletin secret"
            checked={Boolean(f.values.secretRenonce ?? (p.secretRenonce ? 'on' : ''))}
          />
          <input type="hidden" name="demandesPublic" value={String(p.demandesPublic)} />
          <input type="hidden" name="demandesSecret" value={String(p.demandesSecret)} />
          <div class="field-row">
            <TextField name="votants" label="Votants" type="number" value={f.values.votants} error={f.errors.votants} />
            <TextField
              name="blancsNuls"
              label="Bulletins blancs et nuls"
              type="number"
              value={f.values.blancsNuls ?? '0'}
              error={f.errors.blancsNuls}
            />
          </div>
          <fieldset class="fieldset">
            <legend>Voix obtenues par chaque candidat (laisser vide si aucune)</legend>
            <div class="field-row">
              {d.enExercice.map((m) => (
                <TextField
                  key={m.id}
                  name={`voix_${m.id}`}
                  label={`${m.prenom} ${m.nom}`}
                  type="number"
                  value={f.values[`voix_${m.id}`]}
                />
              ))}
            </div>
          </fieldset>
          <button type="submit" class="button">
            Enregistrer le tour
          </button>
        </form>
      )}
    </>
  );
}

export function PointPage(v: PointView) {
  const { d, p } = v;
  const notice = v.message ? MESSAGES[v.message] : undefined;
  const docs = d.documents.filter((x) => x.pointId === p.id);
  const pf = v.forms.point ?? { values: pointValues(p), errors: {} };
  const hf = v.forms.huisClos ?? { values: {}, errors: {} };
  const membres = membreOptions(d.enExercice, '— aucun —');
  const finalized = p.delibStatut === 'finalisee';
  const base = `${BASE}/seances/${d.seance.id}/points/${p.id}`;
  const canVote = v.canManage && d.seance.convoqueeLe !== null && !finalized;
  const quorumOk = etatAu(d, p.numero).quorum.atteint;
  return (
    <AdminLayout shell={v.shell} title={`Point ${p.numero} – ${seanceTitle(d)}`}>
      <p>
        <a href={`${BASE}/seances/${d.seance.id}`}>← {seanceTitle(d)}</a>
      </p>
      <h1>
        Point n° {p.numero} : {p.titre}
      </h1>
      {notice && <Notice kind="success">{notice}</Notice>}
      {v.error && <Notice kind="error">{v.error}</Notice>}
      <p>
        <QuorumLine d={d} numero={p.numero} />
        {p.huisClos && ' – huis clos décidé pour ce point.'}
      </p>
      {d.seance.convoqueeLe && d.presencesRelevees && !quorumOk && (
        <Notice kind="error">
          Quorum non atteint pour ce point : le conseil ne peut pas en délibérer. Il devra être convoqué à nouveau.
        </Notice>
      )}

      <h2>Documents</h2>
      {docs.length === 0 ? (
        <p>Aucun document joint.</p>
      ) : (
        <ul>
          {docs.map((doc) => (
            <li key={doc.id}>
              <a href={`${BASE}/seances/${d.seance.id}/documents/${doc.id}`}>{doc.titre}</a> (PDF,{' '}
              {formatSize(doc.size)})
            </li>
          ))}
        </ul>
      )}
      {v.canManage && !finalized && (
        <form method="post" action={`${base}/documents`} enctype="multipart/form-data" novalidate class="card">
          <h3>Joindre un document</h3>
          <ErrorSummary errors={v.forms.document?.errors ?? {}} labels={{ document: 'Fichier' }} />
          <CsrfField token={v.shell.csrfToken} />
          <TextField name="titre" label="Titre du document" />
          <div class="field">
            <label for="champ-document" class="field__label">
              Fichier PDF (20 Mo au maximum)
            </label>
            <input class="input" type="file" id="champ-document" name="document" accept="application/pdf" />
          </div>
          <button type="submit" class="button">
            Joindre
          </button>
        </form>
      )}

      <h2>Vote</h2>
      <Resultat p={p} d={d} />
      {p.nomination ? <ToursForm {...v} /> : canVote && quorumOk && <VoteForm {...v} />}

      {canVote && !p.huisClos && (
        <form method="post" action={`${base}/huis-clos`} novalidate class="card">
          <h3>Huis clos</h3>
          <p class="field__hint">
            Sur la demande de trois membres ou du maire, le conseil décide sans débat, à la majorité absolue des membres
            présents ou représentés, de se réunir à huis clos.
          </p>
          <ErrorSummary errors={hf.errors} labels={{ demandeurs: 'Demandeurs', pour: 'Voix pour' }} />
          <CsrfField token={v.shell.csrfToken} />
          <div class="field-row">
            <TextField
              name="demandeurs"
              label="Membres demandeurs"
              type="number"
              value={hf.values.demandeurs}
              error={hf.errors.demandeurs}
            />
            <TextField
              name="pour"
              label="Voix pour le huis clos"
              type="number"
              value={hf.values.pour}
              error={hf.errors.pour}
            />
          </div>
          <CheckboxField name="demandeMaire" label="Demandé par le maire" checked={Boolean(hf.values.demandeMaire)} />
          <button type="submit" class="button button--ghost">
            Décider le huis clos
          </button>
        </form>
      )}

      <h2>Délibération</h2>
      {finalized ? (
        <>
          <Notice kind="info">
            Délibération finalisée, inscrite au registre des actes sous le n° {p.acteNumero}.{' '}
            <a href={`/admin/actes/${p.acteId}`}>Ouvrir l’acte pour le signer, le publier et le transmettre</a>
          </Notice>
          <pre class="pre-line card">{v.delibTexte}</pre>
        </>
      ) : (
        <>
          <form method="post" action={`${base}/deliberation`} novalidate>
            <ErrorSummary errors={v.forms.delib?.errors ?? {}} labels={{ texte: 'Texte de la délibération' }} />
            <CsrfField token={v.shell.csrfToken} />
            <TextAreaField
              name="texte"
              label="Texte de la délibération"
              hint="Projet rédigé à partir du modèle (visas, considérants, dispositif, vote) : modifiez-le librement avant de le finaliser."
              value={v.delibTexte}
              error={v.forms.delib?.errors.texte}
              rows={18}
            />
            {v.canManage && (
              <button type="submit" class="button button--ghost">
                Enregistrer le texte
              </button>
            )}
          </form>
          {v.canManage && p.resultat !== null && (
            <form method="post" action={`${base}/finalisation`}>
              <CsrfField token={v.shell.csrfToken} />
              <p>La finalisation inscrit la délibération au registre des actes ; son texte ne pourra plus changer.</p>
              <button type="submit" class="button">
                Finaliser la délibération
              </button>
            </form>
          )}
        </>
      )}

      {v.canManage && !finalized && (
        <>
          <h2>Modifier le point</h2>
          <form method="post" action={base} novalidate>
            <PointFields csrfToken={v.shell.csrfToken} values={pf.values} errors={pf.errors} membres={membres} />
            <button type="submit" class="button button--ghost">
              Enregistrer le point
            </button>
          </form>
        </>
      )}
    </AdminLayout>
  );
}
