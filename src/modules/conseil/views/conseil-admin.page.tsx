import { AdminLayout, type AdminShell } from '../../../ui/admin-layout.js';
import {
  CheckboxField,
  CsrfField,
  ErrorSummary,
  type Errors,
  Notice,
  SelectField,
  TextField,
} from '../../../ui/form.js';
import type { Membre, Seance } from '../conseil.repo.js';
import { type ConseilReglages, enExercice, MANDAT_LABELS, PV_LABELS } from '../conseil.rules.js';
import { MEMBRE_FIELD_LABELS, REGLAGES_FIELD_LABELS, SEANCE_FIELD_LABELS } from '../conseil.schemas.js';
import { dateLongue } from '../conseil.templates.js';
import { DataTable, membreOptions } from './blocks.js';

export const BASE = '/admin/conseil';

const MESSAGES: Record<string, string> = {
  membre: 'Le membre du conseil est enregistré.',
  seance: 'La séance est enregistrée.',
  reglages: 'Les réglages sont enregistrés.',
};

const dateCourte = (d: string) => d.split('-').reverse().join('/');

export function ConseilAdminPage(v: {
  shell: AdminShell;
  membres: Membre[];
  seances: Seance[];
  today: string;
  canManage: boolean;
  message?: string | undefined;
}) {
  const notice = v.message ? MESSAGES[v.message] : undefined;
  const enCours = v.membres.filter((m) => enExercice(m, v.today));
  return (
    <AdminLayout shell={v.shell} title="Conseil municipal">
      <h1>Conseil municipal</h1>
      {notice && <Notice kind="success">{notice}</Notice>}
      <h2>Séances</h2>
      {v.canManage && (
        <p class="actions">
          <a class="button" href={`${BASE}/seances/nouvelle`}>
            Préparer une séance
          </a>
          <a class="button button--ghost" href={`${BASE}/reglages`}>
            Réglages (délais)
          </a>
        </p>
      )}
      {v.seances.length === 0 ? (
        <p>Aucune séance pour le moment.</p>
      ) : (
        <DataTable
          caption="Séances du conseil, de la plus récente à la plus ancienne"
          columns={['Date', 'Type', 'Convocation', 'Procès-verbal']}
        >
          {v.seances.map((s) => (
            <tr key={s.id}>
              <td>
                <a href={`${BASE}/seances/${s.id}`}>
                  {dateLongue(s.date)} à {s.heure}
                </a>
              </td>
              <td>
                {s.type === 'ordinaire' ? 'Ordinaire' : 'Extraordinaire'}
                {s.reconvocationDe !== null && ' (reconvocation)'}
              </td>
              <td>{s.convoqueeLe ? 'Envoyée' : 'À envoyer'}</td>
              <td>{PV_LABELS[s.pvStatut]}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <h2>Membres du conseil</h2>
      <p>
        {enCours.length} membres en exercice aujourd’hui (calculé d’après les dates de mandat).
        {v.canManage && (
          <>
            {' '}
            <a href={`${BASE}/membres/nouveau`}>Ajouter un membre</a>
          </>
        )}
      </p>
      <DataTable
        caption="Membres du conseil municipal et leur mandat"
        columns={['Nom', 'Mandat', 'Début', 'Fin', 'Convocation', 'En exercice']}
      >
        {v.membres.map((m) => (
          <tr key={m.id}>
            <td>
              {v.canManage ? (
                <a href={`${BASE}/membres/${m.id}`}>
                  {m.prenom} {m.nom}
                </a>
              ) : (
                `${m.prenom} ${m.nom}`
              )}
            </td>
            <td>
              {m.mandat === 'adjoint' && m.rang
                ? `${m.rang}${m.rang === 1 ? 'er' : 'e'} adjoint`
                : MANDAT_LABELS[m.mandat]}
            </td>
            <td>{dateCourte(m.debut)}</td>
            <td>{m.fin ? dateCourte(m.fin) : '—'}</td>
            <td>{m.convocationPapier || !m.email ? 'Papier' : 'Électronique'}</td>
            <td>{enExercice(m, v.today) ? 'Oui' : 'Non'}</td>
          </tr>
        ))}
      </DataTable>
    </AdminLayout>
  );
}

export const membreValues = (m: Membre): Record<string, string> => ({
  prenom: m.prenom,
  nom: m.nom,
  mandat: m.mandat,
  rang: m.rang === null ? '' : String(m.rang),
  debut: m.debut,
  fin: m.fin ?? '',
  email: m.email ?? '',
  convocationPapier: m.convocationPapier ? 'on' : '',
  adresse: m.adresse,
  dateNaissance: m.dateNaissance ?? '',
});

export function MembreFormPage(v: {
  shell: AdminShell;
  membre?: Membre;
  values: Record<string, string>;
  errors: Errors;
}) {
  const title = v.membre ? `${v.membre.prenom} ${v.membre.nom}` : 'Nouveau membre du conseil';
  const action = v.membre ? `${BASE}/membres/${v.membre.id}` : `${BASE}/membres`;
  return (
    <AdminLayout shell={v.shell} title={title}>
      <p>
        <a href={BASE}>← Conseil municipal</a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary errors={v.errors} labels={MEMBRE_FIELD_LABELS} />
      <form method="post" action={action} novalidate>
        <CsrfField token={v.shell.csrfToken} />
        <div class="field-row">
          <TextField name="prenom" label="Prénom" required value={v.values.prenom} error={v.errors.prenom} />
          <TextField name="nom" label="Nom" required value={v.values.nom} error={v.errors.nom} />
        </div>
        <fieldset class="fieldset">
          <legend>Mandat</legend>
          <div class="field-row">
            <SelectField
              name="mandat"
              label="Mandat"
              required
              value={v.values.mandat ?? 'conseiller'}
              error={v.errors.mandat}
              options={Object.entries(MANDAT_LABELS).map(([value, label]) => ({ value, label }))}
            />
            <TextField
              name="rang"
              label="Rang de l’adjoint"
              hint="Pour un adjoint : 1 pour le premier adjoint…"
              value={v.values.rang}
              error={v.errors.rang}
            />
          </div>
          <div class="field-row">
            <TextField
              name="debut"
              label="Début du mandat"
              type="date"
              required
              value={v.values.debut}
              error={v.errors.debut}
            />
            <TextField
              name="fin"
              label="Fin du mandat"
              type="date"
              hint="À remplir quand le mandat prend fin (démission, décès…) : le dernier jour en exercice."
              value={v.values.fin}
              error={v.errors.fin}
            />
          </div>
        </fieldset>
        <fieldset class="fieldset">
          <legend>Convocation</legend>
          <TextField
            name="email"
            label="Adresse électronique"
            type="email"
            autocomplete="off"
            hint="La convocation est envoyée par courriel, avec un lien personnel vers les documents."
            value={v.values.email}
            error={v.errors.email}
          />
          <CheckboxField
            name="convocationPapier"
            label="Souhaite recevoir la convocation sur papier, à son domicile"
            checked={Boolean(v.values.convocationPapier)}
          />
          <TextField name="adresse" label="Adresse postale" value={v.values.adresse} error={v.errors.adresse} />
        </fieldset>
        <TextField
          name="dateNaissance"
          label="Date de naissance"
          type="date"
          hint="Sert à départager une égalité de voix lors d’une nomination : le plus âgé est élu."
          value={v.values.dateNaissance}
          error={v.errors.dateNaissance}
        />
        <button type="submit" class="button">
          Enregistrer
        </button>
      </form>
    </AdminLayout>
  );
}

export const seanceValues = (s: Seance): Record<string, string> => ({
  date: s.date,
  heure: s.heure,
  lieu: s.lieu,
  type: s.type,
  urgence: s.urgence ? 'on' : '',
  presidentId: s.presidentId === null ? '' : String(s.presidentId),
  secretaireId: s.secretaireId === null ? '' : String(s.secretaireId),
  reconvocationDe: s.reconvocationDe === null ? '' : String(s.reconvocationDe),
});

export function SeanceFormPage(v: {
  shell: AdminShell;
  seance?: Seance;
  membres: Membre[];
  seances: Seance[];
  values: Record<string, string>;
  errors: Errors;
}) {
  const title = v.seance ? 'Modifier la séance' : 'Préparer une séance';
  const action = v.seance ? `${BASE}/seances/${v.seance.id}` : `${BASE}/seances`;
  const membres = membreOptions(v.membres, '— à désigner —');
  return (
    <AdminLayout shell={v.shell} title={title}>
      <p>
        <a href={v.seance ? `${BASE}/seances/${v.seance.id}` : BASE}>← Retour</a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary errors={v.errors} labels={SEANCE_FIELD_LABELS} />
      <form method="post" action={action} novalidate>
        <CsrfField token={v.shell.csrfToken} />
        <div class="field-row">
          <TextField name="date" label="Date" type="date" required value={v.values.date} error={v.errors.date} />
          <TextField name="heure" label="Heure" type="time" required value={v.values.heure} error={v.errors.heure} />
        </div>
        <TextField
          name="lieu"
          label="Lieu"
          required
          value={v.values.lieu ?? 'Salle du conseil, mairie'}
          error={v.errors.lieu}
        />
        <SelectField
          name="type"
          label="Type de séance"
          value={v.values.type ?? 'ordinaire'}
          options={[
            { value: 'ordinaire', label: 'Ordinaire' },
            { value: 'extraordinaire', label: 'Extraordinaire' },
          ]}
          error={v.errors.type}
        />
        <CheckboxField
          name="urgence"
          label="Convocation en urgence (délai réduit à un jour franc, le conseil se prononce sur l’urgence)"
          checked={Boolean(v.values.urgence)}
        />
        <div class="field-row">
          <SelectField
            name="presidentId"
            label="Président de séance"
            value={v.values.presidentId}
            options={membres}
            error={v.errors.presidentId}
          />
          <SelectField
            name="secretaireId"
            label="Secrétaire de séance"
            value={v.values.secretaireId}
            options={membres}
            error={v.errors.secretaireId}
          />
        </div>
        <SelectField
          name="reconvocationDe"
          label="Reconvocation"
          hint="Si cette séance est convoquée à nouveau parce que le quorum n’a pas été atteint, choisissez la séance concernée : elle délibérera sans condition de quorum."
          value={v.values.reconvocationDe}
          options={[
            { value: '', label: 'Non, séance normale' },
            ...v.seances
              .filter((s) => s.id !== v.seance?.id)
              .map((s) => ({ value: String(s.id), label: `Séance du ${dateLongue(s.date)}` })),
          ]}
          error={v.errors.reconvocationDe}
        />
        <button type="submit" class="button">
          Enregistrer la séance
        </button>
      </form>
    </AdminLayout>
  );
}

export function ReglagesPage(v: {
  shell: AdminShell;
  reglages: ConseilReglages;
  population: number;
  values?: Record<string, string>;
  errors: Errors;
}) {
  const values = v.values ?? {
    delaiJoursFrancs: v.reglages.delaiJoursFrancs === null ? '' : String(v.reglages.delaiJoursFrancs),
    exclureFeries: v.reglages.exclureFeries ? 'on' : '',
    delaiReconvocation: String(v.reglages.delaiReconvocation),
  };
  const legal = v.population < 3500 ? 3 : 5;
  return (
    <AdminLayout shell={v.shell} title="Réglages du conseil">
      <p>
        <a href={BASE}>← Conseil municipal</a>
      </p>
      <h1>Réglages du conseil</h1>
      <p>
        Ces réglages portent sur des règles dont l’application peut dépendre de votre préfecture ou de votre règlement
        intérieur. Les valeurs par défaut suivent le code général des collectivités territoriales.
      </p>
      <ErrorSummary errors={v.errors} labels={REGLAGES_FIELD_LABELS} />
      <form method="post" action={`${BASE}/reglages`} novalidate>
        <CsrfField token={v.shell.csrfToken} />
        <TextField
          name="delaiJoursFrancs"
          label="Délai de convocation (jours francs)"
          hint={`Laissez vide pour le délai légal selon la population : ${legal} jours francs pour ${v.population} habitants.`}
          value={values.delaiJoursFrancs}
          error={v.errors.delaiJoursFrancs}
        />
        <CheckboxField
          name="exclureFeries"
          label="Ne pas compter les dimanches et jours fériés dans les jours francs"
          checked={Boolean(values.exclureFeries)}
        />
        <TextField
          name="delaiReconvocation"
          label="Délai minimal avant une séance de reconvocation (jours)"
          hint="Après un défaut de quorum, le conseil est convoqué à nouveau au moins trois jours plus tard."
          value={values.delaiReconvocation}
          error={v.errors.delaiReconvocation}
        />
        <button type="submit" class="button">
          Enregistrer
        </button>
      </form>
    </AdminLayout>
  );
}
