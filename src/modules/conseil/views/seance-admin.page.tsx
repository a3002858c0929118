import { AdminLayout, type AdminShell } from '../../../ui/admin-layout.js';
import { CheckboxField, CsrfField, ErrorSummary, type Errors, Notice, SelectField } from '../../../ui/form.js';
import { formatDateTime } from '../../../ui/format.js';
import { etatAu, type SeanceDossier } from '../conseil.dossier.js';
import { PV_LABELS } from '../conseil.rules.js';
import { PROCURATION_FIELD_LABELS } from '../conseil.schemas.js';
import { dateLongue, heureFr } from '../conseil.templates.js';
import { DataTable, membreOptions, PointFields } from './blocks.js';
import { BASE } from './conseil-admin.page.js';

const MESSAGES: Record<string, string> = {
  seance: 'La séance est enregistrée.',
  point: 'Le point est ajouté à l’ordre du jour.',
  convocation: 'La convocation est envoyée.',
  presences: 'Les présences sont enregistrées.',
  procuration: 'La procuration est enregistrée.',
  procurationRetiree: 'La procuration est retirée.',
  liste: 'La liste des délibérations est publiée sur le site.',
};

export const seanceTitle = (d: SeanceDossier) => `Séance du ${dateLongue(d.seance.date)}`;

function Back({ d }: { d?: SeanceDossier }) {
  return (
    <p>
      <a href={d ? `${BASE}/seances/${d.seance.id}` : BASE}>{d ? `← ${seanceTitle(d)}` : '← Conseil municipal'}</a>
    </p>
  );
}

/** The quorum line of a point, with a clear warning when it is not met. */
export function QuorumLine({ d, numero }: { d: SeanceDossier; numero: number }) {
  const { quorum: q, composition: c } = etatAu(d, numero);
  if (!d.presencesRelevees) {
    return (
      <span>
        Présences pas encore relevées ({c.effectif} membres en exercice, {q.requis} présents requis pour le quorum).
      </span>
    );
  }
  const text = `${c.presents.length} présents, ${c.representes.length} représentés, ${c.effectif} en exercice`;
  if (q.sansQuorum) return <span>{text} – séance de reconvocation : pas de condition de quorum.</span>;
  return q.atteint ? (
    <span>
      {text} – <span class="badge badge--success">quorum atteint</span> ({q.requis} requis)
    </span>
  ) : (
    <span>
      {text} – <span class="badge badge--warning">quorum non atteint</span> ({q.requis} présents requis)
    </span>
  );
}

export function SeancePage(v: {
  shell: AdminShell;
  d: SeanceDossier;
  canManage: boolean;
  pointValues: Record<string, string>;
  pointErrors: Errors;
  message?: string | undefined;
  error?: string | undefined;
}) {
  const { d } = v;
  const s = d.seance;
  const notice = v.message ? MESSAGES[v.message] : undefined;
  const membres = membreOptions(d.enExercice, '— aucun —');
  const acks = d.convocations.filter((c) => c.ouverteLe !== null).length;
  const finalized = d.points.filter((p) => p.delibStatut === 'finalisee').length;
  return (
    <AdminLayout shell={v.shell} title={seanceTitle(v.d)}>
      <Back />
      <h1>{seanceTitle(d)}</h1>
      {notice && <Notice kind="success">{notice}</Notice>}
      {v.error && <Notice kind="error">{v.error}</Notice>}
      <p>
        Séance {s.type} à {heureFr(s.heure)}, {s.lieu}.{s.urgence && ' Convoquée en urgence.'}
        {s.reconvocationDe !== null &&
          ' Séance de reconvocation après un défaut de quorum : elle délibère sans quorum.'}
      </p>
      <p>
        Président : {d.nom(s.presidentId)}. Secrétaire de séance : {d.nom(s.secretaireId)}.{' '}
        {v.canManage && <a href={`${BASE}/seances/${s.id}/modifier`}>Modifier la séance</a>}
      </p>

      <h2>Convocation</h2>
      {s.convoqueeLe ? (
        <>
          <p>
            Envoyée le {formatDateTime(s.convoqueeLe)} à {d.convocations.length} membres ; {acks} ont ouvert leur lien
            (accusé de réception).
          </p>
          {d.delai &&
            (d.delai.enRetard ? (
              <Notice kind="error">
                Convocation tardive : {d.delai.francs} jour(s) franc(s) avant la séance, {d.delai.requis} exigés (date
                limite d’envoi : {dateLongue(d.delai.dateLimite)}). La délibération pourrait être contestée.
              </Notice>
            ) : (
              <p>
                Délai respecté : {d.delai.francs} jours francs, {d.delai.requis} exigés.
              </p>
            ))}
          <p class="actions">
            <a href={`${BASE}/seances/${s.id}/convocation`}>Suivi des convocations et accusés de réception</a>
            <a href={`${BASE}/seances/${s.id}/convocations-papier`}>Convocations sur papier à imprimer</a>
          </p>
        </>
      ) : (
        <>
          <p>Pas encore envoyée. Complétez l’ordre du jour, puis envoyez la convocation à tous les membres.</p>
          {v.canManage && (
            <form method="post" action={`${BASE}/seances/${s.id}/convocation`}>
              <CsrfField token={v.shell.csrfToken} />
              <button type="submit" class="button">
                Envoyer la convocation
              </button>
            </form>
          )}
        </>
      )}

      <h2>Ordre du jour</h2>
      {d.points.length === 0 ? (
        <p>Aucun point pour le moment.</p>
      ) : (
        <DataTable
          caption="Points de l’ordre du jour, dans l’ordre de la séance"
          columns={['N°', 'Point', 'Quorum', 'Vote', 'Délibération']}
        >
          {d.points.map((p) => (
            <tr key={p.id}>
              <td>{p.numero}</td>
              <td>
                <a href={`${BASE}/seances/${s.id}/points/${p.id}`}>{p.titre}</a>
                {p.huisClos && ' (huis clos)'}
              </td>
              <td>
                <QuorumLine d={d} numero={p.numero} />
              </td>
              <td>
                {p.resultat === null
                  ? '—'
                  : p.resultat === 'adopte'
                    ? `Adopté (${p.pour} pour, ${p.contre} contre)`
                    : p.resultat === 'nomme'
                      ? 'Nomination prononcée'
                      : `Rejeté (${p.pour} pour, ${p.contre} contre)`}
              </td>
              <td>
                {p.delibStatut === 'finalisee'
                  ? `Finalisée (${p.acteNumero})`
                  : p.delibStatut === 'brouillon'
                    ? 'Brouillon'
                    : '—'}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {v.canManage && !s.convoqueeLe && (
        <form method="post" action={`${BASE}/seances/${s.id}/points`} novalidate class="card">
          <h3>Ajouter un point</h3>
          <PointFields csrfToken={v.shell.csrfToken} values={v.pointValues} errors={v.pointErrors} membres={membres} />
          <button type="submit" class="button">
            Ajouter le point
          </button>
        </form>
      )}

      {s.convoqueeLe && (
        <>
          <h2>Pendant la séance</h2>
          <p>
            À l’ouverture : <QuorumLine d={d} numero={1} />
          </p>
          <p class="actions">
            <a class="button" href={`${BASE}/seances/${s.id}/presences`}>
              Présences et procurations
            </a>
          </p>
          <h2>Après la séance</h2>
          <p>
            {finalized} délibération(s) finalisée(s) sur {d.points.length} point(s).{' '}
            {s.listePublieeLe
              ? `Liste des délibérations publiée le ${formatDateTime(s.listePublieeLe)}.`
              : 'Liste des délibérations non publiée.'}
          </p>
          <div class="actions">
            {v.canManage && finalized > 0 && (
              <form method="post" action={`${BASE}/seances/${s.id}/liste`} class="inline-form">
                <CsrfField token={v.shell.csrfToken} />
                <button type="submit" class="button">
                  {s.listePublieeLe ? 'Mettre à jour la liste publiée' : 'Publier la liste des délibérations'}
                </button>
              </form>
            )}
            <a href={`${BASE}/seances/${s.id}/pv`}>Procès-verbal ({PV_LABELS[s.pvStatut].toLowerCase()})</a>
            {finalized > 0 && <a href={`${BASE}/seances/${s.id}/registre.pdf`}>Feuillets du registre (PDF)</a>}
          </div>
        </>
      )}
    </AdminLayout>
  );
}

export function ConvocationSuiviPage(v: { shell: AdminShell; d: SeanceDossier }) {
  const { d } = v;
  return (
    <AdminLayout shell={v.shell} title={`Convocations – ${seanceTitle(d)}`}>
      <Back d={d} />
      <h1>Suivi des convocations</h1>
      <DataTable
        caption="Convocation de chaque membre et ouverture de son lien personnel"
        columns={['Membre', 'Envoi', 'Accusé de réception']}
      >
        {d.convocations.map((c) => (
          <tr key={c.membreId}>
            <td>{d.nom(c.membreId)}</td>
            <td>{c.canal === 'email' ? `Courriel, ${formatDateTime(c.envoyeeLe)}` : 'Papier (à remettre)'}</td>
            <td>
              {c.ouverteLe
                ? `Lien ouvert le ${formatDateTime(c.ouverteLe)} (${c.ouvertures} fois)`
                : 'Pas encore ouvert'}
            </td>
          </tr>
        ))}
      </DataTable>
    </AdminLayout>
  );
}

/** Printable paper convocations, one per member who asked for paper. */
export function ConvocationsPapierPage(v: { shell: AdminShell; d: SeanceDossier; communeNom: string }) {
  const { d } = v;
  const papier = d.convocations.filter((c) => c.canal === 'papier');
  return (
    <AdminLayout shell={v.shell} title={`Convocations sur papier – ${seanceTitle(d)}`}>
      <div class="no-print">
        <Back d={d} />
        <h1>Convocations sur papier</h1>
        <p>
          {papier.length === 0
            ? 'Aucun membre n’a demandé de convocation sur papier.'
            : `${papier.length} convocation(s) à imprimer (commande Imprimer du navigateur) et à remettre à domicile.`}
        </p>
      </div>
      {papier.map((c) => {
        const m = d.membres.find((x) => x.id === c.membreId);
        return (
          <article key={c.membreId} class="print-sheet card">
            <p>
              {m?.prenom} {m?.nom}
              <br />
              {m?.adresse}
            </p>
            <h2>Convocation au conseil municipal de {v.communeNom}</h2>
            <p>
              Vous êtes convoqué(e) à la séance du conseil municipal du {dateLongue(d.seance.date)} à{' '}
              {heureFr(d.seance.heure)}, {d.seance.lieu}.
            </p>
            <h3>Ordre du jour</h3>
            <ol>
              {d.points.map((p) => (
                <li key={p.id}>{p.titre}</li>
              ))}
            </ol>
            <p>Convocation du {d.seance.convoqueeLe ? formatDateTime(d.seance.convoqueeLe) : ''}.</p>
            <p>Le maire</p>
          </article>
        );
      })}
    </AdminLayout>
  );
}

const STATUTS = [
  { value: 'present', label: 'Présent' },
  { value: 'absent', label: 'Absent' },
  { value: 'excuse', label: 'Excusé' },
];

export function PresencesPage(v: {
  shell: AdminShell;
  d: SeanceDossier;
  canManage: boolean;
  errors: Errors;
  procValues: Record<string, string>;
  procErrors: Errors;
  message?: string | undefined;
}) {
  const { d } = v;
  const byId = new Map(d.presences.map((p) => [p.membreId, p]));
  const pointOptions = (empty: string) => [
    { value: '', label: empty },
    ...d.points.map((p) => ({ value: String(p.numero), label: `Point ${p.numero}` })),
  ];
  const membres = membreOptions(d.enExercice, '— choisir —');
  const notice = v.message ? MESSAGES[v.message] : undefined;
  return (
    <AdminLayout shell={v.shell} title={`Présences – ${seanceTitle(d)}`}>
      <Back d={d} />
      <h1>Présences et procurations</h1>
      {notice && <Notice kind="success">{notice}</Notice>}
      <p>
        À l’ouverture : <QuorumLine d={d} numero={1} />
      </p>
      {d.presencesRelevees && !etatAu(d, 1).quorum.atteint && (
        <Notice kind="error">
          Le quorum n’est pas atteint : le conseil ne peut pas délibérer. Convoquez une nouvelle séance au moins trois
          jours plus tard (choisissez « Reconvocation » en la préparant) : elle délibérera sans condition de quorum.
        </Notice>
      )}
      <h2>Présences</h2>
      <ErrorSummary errors={v.errors} labels={{}} />
      <form method="post" action={`${BASE}/seances/${d.seance.id}/presences`} novalidate>
        <CsrfField token={v.shell.csrfToken} />
        <DataTable
          caption="Présence de chaque membre en exercice ; arrivée et départ en cours de séance"
          columns={['Membre', 'Présence', 'Arrivé à partir du', 'Parti avant le']}
        >
          {d.enExercice.map((m) => {
            const p = byId.get(m.id);
            const name = `${m.prenom} ${m.nom}`;
            return (
              <tr key={m.id}>
                <th scope="row">{name}</th>
                <td>
                  <label class="sr-only" for={`statut-${m.id}`}>
                    Présence de {name}
                  </label>
                  <select class="input" id={`statut-${m.id}`} name={`statut_${m.id}`}>
                    {STATUTS.map((o) => (
                      <option
                        key={o.value}
                        value={o.value}
                        selected={(p?.statut ?? (d.presences.length === 0 ? 'present' : 'absent')) === o.value}
                      >
                        {o.label}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <label class="sr-only" for={`champ-arrivee_${m.id}`}>
                    Arrivée de {name}
                  </label>
                  <select class="input" id={`champ-arrivee_${m.id}`} name={`arrivee_${m.id}`}>
                    {pointOptions('Dès l’ouverture').map((o) => (
                      <option key={o.value} value={o.value} selected={String(p?.arriveePoint ?? '') === o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                  {v.errors[`arrivee_${m.id}`] && <p class="field__error">{v.errors[`arrivee_${m.id}`]}</p>}
                </td>
                <td>
                  <label class="sr-only" for={`depart-${m.id}`}>
                    Départ de {name}
                  </label>
                  <select class="input" id={`depart-${m.id}`} name={`depart_${m.id}`}>
                    {pointOptions('Jusqu’à la fin').map((o) => (
                      <option key={o.value} value={o.value} selected={String(p?.departPoint ?? '') === o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            );
          })}
        </DataTable>
        {v.canManage && (
          <button type="submit" class="button">
            Enregistrer les présences
          </button>
        )}
      </form>

      <h2>Procurations</h2>
      {d.procurations.length === 0 ? (
        <p>Aucune procuration.</p>
      ) : (
        <ul>
          {d.procurations.map((p) => (
            <li key={p.id}>
              {d.nom(p.mandantId)} donne pouvoir à {d.nom(p.mandataireId)}
              {p.maladie && ' (maladie)'}{' '}
              {v.canManage && (
                <form
                  method="post"
                  action={`${BASE}/seances/${d.seance.id}/procurations/${p.id}/retrait`}
                  class="inline-form"
                >
                  <CsrfField token={v.shell.csrfToken} />
                  <button type="submit" class="button button--small button--ghost">
                    Retirer la procuration de {d.nom(p.mandantId)}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      {v.canManage && (
        <form method="post" action={`${BASE}/seances/${d.seance.id}/procurations`} novalidate class="card">
          <h3>Enregistrer une procuration</h3>
          <ErrorSummary errors={v.procErrors} labels={PROCURATION_FIELD_LABELS} />
          <CsrfField token={v.shell.csrfToken} />
          <div class="field-row">
            <SelectField
              name="mandantId"
              label="Membre absent (mandant)"
              value={v.procValues.mandantId}
              options={membres}
              error={v.procErrors.mandantId}
            />
            <SelectField
              name="mandataireId"
              label="Membre qui reçoit le pouvoir (mandataire)"
              value={v.procValues.mandataireId}
              options={membres}
              error={v.procErrors.mandataireId}
            />
          </div>
          <CheckboxField
            name="ecrit"
            label="Le pouvoir écrit et signé a été remis"
            checked={Boolean(v.procValues.ecrit)}
          />
          {v.procErrors.ecrit && <p class="field__error">{v.procErrors.ecrit}</p>}
          <CheckboxField
            name="maladie"
            label="Absence pour maladie dûment constatée (pas de limite de trois séances)"
            checked={Boolean(v.procValues.maladie)}
          />
          <button type="submit" class="button">
            Enregistrer la procuration
          </button>
        </form>
      )}
    </AdminLayout>
  );
}
