import { ROLE_LABELS, ROLES } from '../../../core/auth/index.js';
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
import type { TypeAdmin } from '../builder.repo.js';
import { conditionSources, conditionValues, FIELD_TYPE_LABELS, FIELD_TYPES, hasOptions } from '../builder.rules.js';
import type { BuilderView } from '../builder.service.js';
import { RESERVATION_SLUG } from '../reservation.service.js';

type Values = Record<string, string | string[] | undefined>;
const str = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

const MESSAGES: Record<string, string> = {
  cree: 'La démarche a été créée. Ajoutez ses champs, réglez-la, puis publiez-la.',
  reglages: 'Les réglages ont été enregistrés dans le brouillon.',
  champ: 'Le formulaire a été modifié dans le brouillon.',
  publie: 'La nouvelle version est publiée : les nouvelles demandes l’utilisent.',
  abandonne: 'Les modifications non publiées ont été abandonnées.',
};

/** /admin/demarches: the commune's démarche types and the creation form. */
export function BuilderListPage(v: { shell: AdminShell; types: TypeAdmin[]; values?: Values; errors?: Errors }) {
  const errors = v.errors ?? {};
  return (
    <AdminLayout shell={v.shell} title="Démarches en ligne">
      <h1>Démarches en ligne</h1>
      <p class="lead">
        Les formulaires que les habitants remplissent sur <a href="/demarches">la page des démarches</a>. Chaque
        publication crée une nouvelle version ; les demandes déjà reçues gardent la leur.
      </p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolled region must be focusable to be scrolled with the keyboard (axe scrollable-region-focusable) */}
      <section class="table-wrap" aria-label="Liste des démarches" tabIndex={0}>
        <table class="table">
          <caption>{v.types.length} démarches</caption>
          <thead>
            <tr>
              <th scope="col">Démarche</th>
              <th scope="col">Adresse</th>
              <th scope="col">Version publiée</th>
              <th scope="col">Brouillon</th>
              <th scope="col">Demandes</th>
            </tr>
          </thead>
          <tbody>
            {v.types.map((t) => (
              <tr key={t.id}>
                <th scope="row">
                  <a href={`/admin/demarches/${t.id}`}>{t.title}</a>
                </th>
                <td>/demarches/{t.slug}</td>
                <td>{t.version === 0 ? 'jamais publiée' : `version ${t.version}`}</td>
                <td>{t.draft ? 'modifications à publier' : '—'}</td>
                <td>{t.demandes}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <form method="post" action="/admin/demarches" class="card" novalidate>
        <h2>Créer une démarche</h2>
        <CsrfField token={v.shell.csrfToken} />
        <ErrorSummary errors={errors} labels={{ title: 'Titre', slug: 'Adresse', summary: 'Résumé' }} />
        <TextField name="title" label="Titre" value={str(v.values?.title)} error={errors.title} required />
        <TextField
          name="slug"
          label="Adresse (facultative)"
          hint="La fin de l’adresse de la page, par exemple inscription-cantine. Déduite du titre si vous la laissez vide ; elle ne change plus ensuite."
          value={str(v.values?.slug)}
          error={errors.slug}
        />
        <TextAreaField
          name="summary"
          label="Résumé"
          hint="Une phrase qui dit à l’habitant à quoi sert la démarche."
          value={str(v.values?.summary)}
          error={errors.summary}
          required
          rows={2}
        />
        <button type="submit" class="button">
          Créer la démarche
        </button>
      </form>
    </AdminLayout>
  );
}

export interface BuilderPageView {
  shell: AdminShell;
  b: BuilderView;
  message?: string | undefined;
  failure?: string | undefined;
  errors?: Errors;
  values?: Values;
}

function FieldList({ v }: { v: BuilderPageView }) {
  const { b } = v;
  const base = `/admin/demarches/${b.type.id}/champs`;
  if (b.draft.form.length === 0) return <p>Le formulaire n’a encore aucun champ.</p>;
  return (
    <ol class="builder-fields">
      {b.draft.form.map((f, i) => {
        const locked = b.locked.includes(f.name);
        const source = f.showIf ? b.draft.form.find((s) => s.name === f.showIf?.field) : undefined;
        return (
          <li key={f.name} class="builder-field">
            <p class="builder-field__title">
              <strong>{f.label.length > 120 ? `${f.label.slice(0, 120)}…` : f.label}</strong>{' '}
              <span class="badge badge--muted">{FIELD_TYPE_LABELS[f.type]}</span>{' '}
              {f.required && <span class="badge badge--info">obligatoire</span>}{' '}
              {locked && <span class="badge badge--warning">exigé</span>}
            </p>
            {source && (
              <p class="small muted">
                Affiché si « {source.label} » vaut{' '}
                {f.showIf?.values
                  .map((x) => conditionValues(source).find((o) => o.value === x)?.label ?? x)
                  .join(' ou ')}
                .
              </p>
            )}
            <div class="actions">
              <a class="button button--small button--ghost" href={`${base}/${f.name}`}>
                Modifier<span class="sr-only"> « {f.label.slice(0, 60)} »</span>
              </a>
              {i > 0 && (
                <form method="post" action={`${base}/${f.name}/monter`} class="inline-form">
                  <CsrfField token={v.shell.csrfToken} />
                  <button type="submit" class="button button--small button--ghost">
                    Monter<span class="sr-only"> « {f.label.slice(0, 60)} »</span>
                  </button>
                </form>
              )}
              {i < b.draft.form.length - 1 && (
                <form method="post" action={`${base}/${f.name}/descendre`} class="inline-form">
                  <CsrfField token={v.shell.csrfToken} />
                  <button type="submit" class="button button--small button--ghost">
                    Descendre<span class="sr-only"> « {f.label.slice(0, 60)} »</span>
                  </button>
                </form>
              )}
              {!locked && (
                <form method="post" action={`${base}/${f.name}/supprimer`} class="inline-form">
                  <CsrfField token={v.shell.csrfToken} />
                  <button type="submit" class="button button--small button--danger">
                    Supprimer<span class="sr-only"> « {f.label.slice(0, 60)} »</span>
                  </button>
                </form>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

function SettingsForm({ v }: { v: BuilderPageView }) {
  const { b } = v;
  const errors = v.errors ?? {};
  const s = b.draft.settings;
  const val = (k: string, d: string) => str(v.values?.[k]) ?? d;
  const silence = val('silence', s.silence);
  const unite = val('delaiUnite', s.delaiMois ? 'mois' : 'jours');
  const roles = v.values?.roles ? ([] as string[]).concat(v.values.roles) : s.roles;
  return (
    <form method="post" action={`/admin/demarches/${b.type.id}/reglages`} class="card" novalidate>
      <h2>Réglages</h2>
      <CsrfField token={v.shell.csrfToken} />
      <TextField name="title" label="Titre" value={val('title', b.draft.title)} error={errors.title} required />
      <TextAreaField
        name="summary"
        label="Résumé"
        value={val('summary', b.draft.summary)}
        error={errors.summary}
        required
        rows={2}
      />
      <fieldset class="fieldset">
        <legend>Service chargé du dossier (mentionné dans l’accusé de réception)</legend>
        <TextField
          name="serviceNom"
          label="Nom du service"
          value={val('serviceNom', s.service.nom)}
          error={errors.serviceNom}
          required
        />
        <div class="field-row">
          <TextField
            name="serviceEmail"
            label="Adresse électronique"
            type="email"
            value={val('serviceEmail', s.service.email)}
            error={errors.serviceEmail}
            required
          />
          <TextField
            name="serviceTelephone"
            label="Téléphone"
            type="tel"
            value={val('serviceTelephone', s.service.telephone)}
            error={errors.serviceTelephone}
            required
          />
        </div>
        <TextAreaField
          name="serviceAdresse"
          label="Adresse postale"
          value={val('serviceAdresse', s.service.adresse)}
          error={errors.serviceAdresse}
          required
          rows={2}
        />
      </fieldset>
      <SelectField
        name="silence"
        label="Silence gardé par la mairie"
        hint="Sans réponse dans le délai, la demande est réputée acceptée ou rejetée (CRPA L231-1, L231-4)."
        value={silence}
        error={errors.silence}
        options={[
          { value: 'aucune', label: 'Pas de décision implicite (simple information, signalement…)' },
          { value: 'acceptation', label: 'Vaut acceptation' },
          { value: 'rejet', label: 'Vaut rejet' },
        ]}
      />
      <div class="field-row">
        <TextField
          name="delai"
          label="Délai de la décision implicite"
          hint="Ignoré s’il n’y a pas de décision implicite."
          value={val('delai', String(s.delaiMois ?? (s.delaiJours || '')))}
          error={errors.delai}
        />
        <SelectField
          name="delaiUnite"
          label="Unité du délai"
          value={unite}
          error={errors.delaiUnite}
          options={[
            { value: 'jours', label: 'jours ouvrés' },
            { value: 'mois', label: 'mois' },
          ]}
        />
      </div>
      <TextField
        name="conservationMois"
        label="Durée de conservation des demandes, en mois"
        value={val('conservationMois', String(s.conservationMois))}
        error={errors.conservationMois}
        required
      />
      {b.type.slug === RESERVATION_SLUG && (
        <TextField
          name="retenueJours"
          label="Jours pendant lesquels une demande en attente retient son créneau"
          value={val('retenueJours', String(s.retenueJours ?? 7))}
          error={errors.retenueJours}
          required
        />
      )}
      <fieldset class={errors.roles ? 'field fieldset field--error' : 'field fieldset'}>
        <legend class="field__label">Rôles qui traitent les demandes</legend>
        {errors.roles && (
          <p class="field__error" id="erreur-roles">
            <span class="sr-only">Erreur : </span>
            {errors.roles}
          </p>
        )}
        {ROLES.filter((r) => r !== 'elu').map((r, i) => (
          <div class="field--checkbox" key={r}>
            <input
              type="checkbox"
              class="checkbox"
              id={i === 0 ? 'champ-roles' : `champ-roles-${r}`}
              name="roles"
              value={r}
              checked={roles.includes(r)}
            />
            <label for={i === 0 ? 'champ-roles' : `champ-roles-${r}`}>{ROLE_LABELS[r]}</label>
          </div>
        ))}
      </fieldset>
      <button type="submit" class="button">
        Enregistrer les réglages
      </button>
    </form>
  );
}

const SETTINGS_LABELS = {
  title: 'Titre',
  summary: 'Résumé',
  serviceNom: 'Nom du service',
  serviceEmail: 'Adresse électronique',
  serviceTelephone: 'Téléphone',
  serviceAdresse: 'Adresse postale',
  silence: 'Silence gardé par la mairie',
  delai: 'Délai de la décision implicite',
  delaiUnite: 'Unité du délai',
  conservationMois: 'Durée de conservation',
  retenueJours: 'Jours de retenue du créneau',
  roles: 'Rôles qui traitent les demandes',
  label: 'Libellé du nouveau champ',
  type: 'Type du nouveau champ',
};

/** /admin/demarches/:id: the draft's fields, its settings, preview and publication. */
export function BuilderPage(v: BuilderPageView) {
  const { b } = v;
  const notice = v.message ? MESSAGES[v.message] : undefined;
  const base = `/admin/demarches/${b.type.id}`;
  return (
    <AdminLayout shell={v.shell} title={b.draft.title}>
      <p>
        <a href="/admin/demarches">← Toutes les démarches</a>
      </p>
      <h1>{b.draft.title}</h1>
      {notice && <Notice kind="success">{notice}</Notice>}
      {v.failure && <Notice kind="error">{v.failure}</Notice>}
      <ErrorSummary errors={v.errors ?? {}} labels={SETTINGS_LABELS} />
      <p>
        Adresse : /demarches/{b.type.slug}.{' '}
        {b.type.version === 0 ? 'Jamais publiée.' : `Version publiée : ${b.type.version}.`}{' '}
        {b.hasDraft ? 'Des modifications ne sont pas encore publiées.' : 'Aucune modification en attente.'}{' '}
        {b.builtin && 'Démarche prévue par Clocher : les champs marqués « exigé » ne peuvent pas être retirés.'}
      </p>
      {b.problems.length > 0 && (
        <Notice kind="info">
          <p>Avant de publier :</p>
          <ul>
            {b.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </Notice>
      )}
      <div class="actions">
        <a class="button button--ghost" href={`${base}/apercu`}>
          Voir l’aperçu
        </a>
        {b.hasDraft && (
          <form method="post" action={`${base}/publier`} class="inline-form">
            <CsrfField token={v.shell.csrfToken} />
            <button type="submit" class="button">
              Publier la version {b.type.version + 1}
            </button>
          </form>
        )}
        {b.hasDraft && b.type.version > 0 && (
          <form method="post" action={`${base}/abandonner`} class="inline-form">
            <CsrfField token={v.shell.csrfToken} />
            <button type="submit" class="button button--ghost">
              Abandonner les modifications
            </button>
          </form>
        )}
      </div>
      <section aria-labelledby="champs-titre">
        <h2 id="champs-titre">Champs du formulaire</h2>
        <p class="small muted">
          Les nom, prénom, adresses postale et électronique du demandeur sont toujours demandés à la fin.
        </p>
        <FieldList v={v} />
        <form method="post" action={`${base}/champs`} class="card" novalidate>
          <h3>Ajouter un champ</h3>
          <CsrfField token={v.shell.csrfToken} />
          <div class="field-row">
            <SelectField
              name="type"
              label="Type du nouveau champ"
              value={str(v.values?.type)}
              error={v.errors?.type}
              options={FIELD_TYPES.map((t) => ({ value: t, label: FIELD_TYPE_LABELS[t] }))}
            />
            <TextField
              name="label"
              label="Libellé du nouveau champ"
              value={str(v.values?.label)}
              error={v.errors?.label}
              required
            />
          </div>
          <button type="submit" class="button">
            Ajouter le champ
          </button>
        </form>
      </section>
      <SettingsForm v={v} />
    </AdminLayout>
  );
}

/** /admin/demarches/:id/champs/:name: one field's label, hint, obligation, choices and condition. */
export function FieldEditPage(v: {
  shell: AdminShell;
  b: BuilderView;
  name: string;
  values?: Values;
  errors?: Errors;
}) {
  const { b } = v;
  const index = b.draft.form.findIndex((f) => f.name === v.name);
  const f = b.draft.form[index];
  if (!f)
    return (
      <AdminLayout shell={v.shell} title="Champ introuvable">
        <p>Ce champ n’existe plus.</p>
      </AdminLayout>
    );
  const errors = v.errors ?? {};
  const locked = b.locked.includes(f.name);
  const sources = conditionSources(b.draft.form, index);
  const val = (k: string) => str(v.values?.[k]);
  const showIfField = val('showIfField') ?? f.showIf?.field ?? '';
  const chosen = (name: string): string[] =>
    v.values ? ([] as string[]).concat(v.values[`si_${name}`] ?? []) : f.showIf?.field === name ? f.showIf.values : [];
  const back = `/admin/demarches/${b.type.id}`;
  return (
    <AdminLayout shell={v.shell} title={`Modifier le champ « ${f.label.slice(0, 60)} »`}>
      <p>
        <a href={back}>← Retour à la démarche</a>
      </p>
      <h1>Modifier un champ</h1>
      <p>
        Type : {FIELD_TYPE_LABELS[f.type]}.{' '}
        {locked && 'Ce champ est exigé pour cette démarche : seuls son libellé et son aide peuvent changer.'}
      </p>
      <ErrorSummary
        errors={errors}
        labels={{ label: 'Libellé', hint: 'Aide', options: 'Choix', showIf: 'Condition d’affichage' }}
      />
      <form method="post" action={`${back}/champs/${f.name}`} class="card" novalidate>
        <CsrfField token={v.shell.csrfToken} />
        <TextAreaField
          name="label"
          label="Libellé"
          value={val('label') ?? f.label}
          error={errors.label}
          required
          rows={2}
        />
        {f.type !== 'help' && (
          <TextAreaField
            name="hint"
            label="Aide (facultative)"
            value={val('hint') ?? f.hint ?? ''}
            error={errors.hint}
            rows={2}
          />
        )}
        {!locked && f.type !== 'section' && f.type !== 'help' && (
          <CheckboxField
            name="required"
            label="Réponse obligatoire"
            checked={v.values ? val('required') === 'on' : f.required === true}
          />
        )}
        {!locked && hasOptions(f.type) && (
          <TextAreaField
            name="options"
            label="Choix proposés, un par ligne"
            value={val('options') ?? (f.options ?? []).map((o) => o.label).join('\n')}
            error={errors.options}
            rows={6}
          />
        )}
        {!locked && (
          <fieldset
            class={errors.showIf ? 'field fieldset field--error builder-condition' : 'field fieldset builder-condition'}
          >
            <legend class="field__label">Condition d’affichage</legend>
            {errors.showIf && (
              <p class="field__error" id="erreur-showIf">
                <span class="sr-only">Erreur : </span>
                {errors.showIf}
              </p>
            )}
            {sources.length === 0 ? (
              <p class="field__hint">Aucun champ à choix n’est placé avant celui-ci : il est toujours affiché.</p>
            ) : (
              <>
                <SelectField
                  name="showIfField"
                  label="Afficher ce champ seulement si"
                  value={showIfField}
                  options={[
                    { value: '', label: '— Toujours l’afficher —' },
                    ...sources.map((s) => ({ value: s.name, label: s.label.slice(0, 80) })),
                  ]}
                />
                {sources.map((s) => (
                  <fieldset class="fieldset" key={s.name}>
                    <legend>Réponses à « {s.label.slice(0, 80)} » qui font apparaître ce champ</legend>
                    {conditionValues(s).map((o, i) => (
                      <div class="field--checkbox" key={o.value}>
                        <input
                          type="checkbox"
                          class="checkbox"
                          id={`si-${s.name}-${i}`}
                          name={`si_${s.name}`}
                          value={o.value}
                          checked={chosen(s.name).includes(o.value)}
                        />
                        <label for={`si-${s.name}-${i}`}>{o.label}</label>
                      </div>
                    ))}
                  </fieldset>
                ))}
              </>
            )}
          </fieldset>
        )}
        <button type="submit" class="button">
          Enregistrer le champ
        </button>
      </form>
    </AdminLayout>
  );
}
