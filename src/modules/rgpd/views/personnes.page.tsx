import { AdminLayout, type AdminShell } from '../../../ui/admin-layout.js';
import { CheckboxField, CsrfField, ErrorSummary, type Errors, Notice, TextField } from '../../../ui/form.js';
import type { ErasureResult, PersonData, PersonItem } from '../personnes.service.js';
import { RgpdNav } from './rgpd-nav.js';

export interface PersonnesView {
  shell: AdminShell;
  email?: string | undefined;
  data?: PersonData | undefined;
  result?: ErasureResult | undefined;
  errors?: Errors | undefined;
}

const LABELS = { email: 'Adresse électronique', confirme: 'Confirmation' };

function Items({ items, caption }: { items: PersonItem[]; caption: string }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolled region must be focusable to be scrolled with the keyboard (axe scrollable-region-focusable)
    <section class="table-wrap" aria-label={caption} tabIndex={0}>
      <table class="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Élément</th>
            <th scope="col">Détail</th>
            <th scope="col">Effacement sur demande</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={`${i.kind}-${i.id}`}>
              <th scope="row">{i.label}</th>
              <td>{i.detail}</td>
              <td>
                {i.decision.allowed ? (
                  <span class="badge badge--success">Effaçable</span>
                ) : (
                  <span class="badge badge--warning">Conservé</span>
                )}{' '}
                {i.decision.reason}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Found({ v, data }: { v: PersonnesView; data: PersonData }) {
  const errors = v.errors ?? {};
  if (data.items.length === 0) {
    return <Notice kind="info">La commune ne détient aucune donnée liée à l’adresse {data.email}.</Notice>;
  }
  const erasable = data.items.filter((i) => i.decision.allowed).length;
  return (
    <>
      <h2>Données liées à {data.email}</h2>
      <Items
        items={data.items}
        caption={`${data.items.length} élément${data.items.length > 1 ? 's' : ''} trouvé${data.items.length > 1 ? 's' : ''}`}
      />
      <section class="card" aria-labelledby="titre-acces">
        <h3 id="titre-acces" class="card__title">
          Droit d’accès et à la portabilité
        </h3>
        <p>
          Le fichier contient toutes les données ci-dessus, au format JSON. Le téléchargement est inscrit au journal.
        </p>
        <form method="post" action="/admin/rgpd/personnes/export">
          <CsrfField token={v.shell.csrfToken} />
          <input type="hidden" name="email" value={data.email} />
          <button type="submit" class="button">
            Télécharger les données (JSON)
          </button>
        </form>
      </section>
      <section class="card" aria-labelledby="titre-effacement">
        <h3 id="titre-effacement" class="card__title">
          Droit à l’effacement
        </h3>
        {erasable === 0 ? (
          <p>Aucun de ces éléments ne peut être effacé aujourd’hui : la raison est indiquée pour chacun.</p>
        ) : (
          <form method="post" action="/admin/rgpd/personnes/effacement" noValidate>
            <CsrfField token={v.shell.csrfToken} />
            <input type="hidden" name="email" value={data.email} />
            <p>
              {erasable} élément{erasable > 1 ? 's seront effacés' : ' sera effacé'} ; les autres sont conservés, avec
              la raison à indiquer à la personne.
            </p>
            {errors.confirme && (
              <p class="field__error" id="erreur-confirme">
                <span class="sr-only">Erreur : </span>
                {errors.confirme}
              </p>
            )}
            <CheckboxField
              name="confirme"
              checked={false}
              label="J’ai vérifié l’identité de la personne et sa demande d’effacement."
            />
            <button type="submit" class="button button--danger">
              Effacer les données effaçables
            </button>
          </form>
        )}
      </section>
    </>
  );
}

/** /admin/rgpd/personnes: a person's rights (access, portability, erasure), found by e-mail address. */
export function PersonnesPage(v: PersonnesView) {
  const errors = v.errors ?? {};
  return (
    <AdminLayout shell={v.shell} title="Droits des personnes">
      <RgpdNav current="/admin/rgpd/personnes" />
      <h1>Droits des personnes</h1>
      <p class="lead">
        Retrouvez ce que la commune détient sur une personne à partir de son adresse électronique, pour lui en donner
        copie ou l’effacer à sa demande (RGPD art. 15, 17 et 20). La réponse est due dans un délai d’un mois.
      </p>
      <ErrorSummary errors={errors} labels={LABELS} />
      {v.result && (
        <Notice kind="success">
          {v.result.erased.length} élément{v.result.erased.length > 1 ? 's ont été effacés' : ' a été effacé'}
          {v.result.refused.length > 0 &&
            ` ; ${v.result.refused.length} élément${v.result.refused.length > 1 ? 's sont conservés' : ' est conservé'} (raisons ci-dessous)`}
          .
        </Notice>
      )}
      <form method="post" action="/admin/rgpd/personnes" class="card" noValidate>
        <CsrfField token={v.shell.csrfToken} />
        <TextField
          name="email"
          type="email"
          label={LABELS.email}
          hint="Celle que la personne a utilisée pour ses démarches ou ses abonnements."
          value={v.email}
          error={errors.email}
          autocomplete="off"
          required
        />
        <button type="submit" class="button">
          Rechercher
        </button>
      </form>
      {v.result && v.result.refused.length > 0 && <Items items={v.result.refused} caption="Éléments conservés" />}
      {v.data && <Found v={v} data={v.data} />}
    </AdminLayout>
  );
}
