import { AdminLayout, type AdminShell } from '../../../ui/admin-layout.js';
import { CsrfField, ErrorSummary, type Errors, Notice, SelectField, TextField } from '../../../ui/form.js';
import { entryOf, ID_TYPES, RESTAURANT_TYPES } from '../cantine.rules.js';
import type { Restaurant } from '../restaurants.service.js';

const MESSAGES: Record<string, string> = {
  cree: 'Le restaurant a été ajouté.',
  modifie: 'Le restaurant a été modifié.',
  supprime: 'Le restaurant a été supprimé.',
};

/** /admin/cantine: the restaurants and the canteen's tools. */
export function CantineAdminPage(v: { shell: AdminShell; restaurants: Restaurant[]; message?: string | undefined }) {
  const notice = v.message ? MESSAGES[v.message] : undefined;
  return (
    <AdminLayout shell={v.shell} title="Cantine">
      <h1>Cantine</h1>
      {notice && <Notice kind="success">{notice}</Notice>}
      <section aria-labelledby="restaurants">
        <h2 id="restaurants">Restaurants</h2>
        {v.restaurants.length === 0 ? (
          <p>Aucun restaurant pour l’instant : ajoutez celui de l’école pour publier ses menus.</p>
        ) : (
          <div class="table-wrap cantine-table-wrap">
            <table class="table">
              <caption class="sr-only">Restaurants de la commune</caption>
              <thead>
                <tr>
                  <th scope="col">Nom</th>
                  <th scope="col">Type</th>
                  <th scope="col">Public accueilli</th>
                  <th scope="col">
                    <span class="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {v.restaurants.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">{r.nom}</th>
                    <td>{entryOf(RESTAURANT_TYPES, r.type)?.label}</td>
                    <td>{r.convives}</td>
                    <td class="cantine-actions">
                      <a href={`/admin/cantine/restaurants/${r.id}/menus`}>
                        Saisir les menus<span class="sr-only"> de {r.nom}</span>
                      </a>
                      <a href={`/admin/cantine/restaurants/${r.id}`}>
                        Modifier<span class="sr-only"> {r.nom}</span>
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p>
          <a class="button" href="/admin/cantine/restaurants/nouveau">
            Ajouter un restaurant
          </a>
        </p>
      </section>
      <section aria-labelledby="outils">
        <h2 id="outils">Plats, EGalim et données</h2>
        <ul class="link-list">
          <li>
            <a href="/admin/cantine/plats">Plats</a> : allergènes, labels et plats végétariens.
          </li>
          <li>
            <a href="/admin/cantine/egalim">Parts EGalim</a> : achats durables et bio de chaque année.
          </li>
          <li>
            <a href="/admin/cantine/import">Importer un fichier de menus</a> envoyé par un prestataire (format SCDL).
          </li>
          <li>
            <a href="/cantine">Voir les menus sur le site</a> ou{' '}
            <a href="/donnees/menus-collectifs.csv">télécharger le fichier de données ouvertes</a>.
          </li>
        </ul>
      </section>
    </AdminLayout>
  );
}

const LABELS = {
  nom: 'Nom du restaurant',
  type: 'Type de restaurant',
  convives: 'Public accueilli',
  idType: 'Type d’identifiant',
  identifiant: 'Identifiant',
  etablissementNom: 'Cuisine qui prépare les repas',
  etablissementSiret: 'SIRET de cette cuisine',
};

export function restaurantValues(r: Restaurant): Record<string, string> {
  return {
    nom: r.nom,
    type: r.type,
    convives: r.convives,
    idType: r.idType,
    identifiant: r.identifiant ?? '',
    etablissementNom: r.etablissementNom,
    etablissementSiret: r.etablissementSiret ?? '',
  };
}

/** Adds or edits a restaurant; its identifiers go into the open-data file. */
export function RestaurantFormPage(v: {
  shell: AdminShell;
  restaurant: Restaurant | null;
  values: Record<string, string>;
  errors?: Errors;
}) {
  const errors = v.errors ?? {};
  const title = v.restaurant ? `Modifier ${v.restaurant.nom}` : 'Ajouter un restaurant';
  const f = (name: keyof typeof LABELS) => ({ name, label: LABELS[name], value: v.values[name], error: errors[name] });
  return (
    <AdminLayout shell={v.shell} title={title}>
      <p>
        <a href="/admin/cantine">← Retour à la cantine</a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary errors={errors} labels={LABELS} />
      <form
        method="post"
        action={v.restaurant ? `/admin/cantine/restaurants/${v.restaurant.id}` : '/admin/cantine/restaurants/nouveau'}
        novalidate
        class="card"
      >
        <CsrfField token={v.shell.csrfToken} />
        <TextField {...f('nom')} required />
        <SelectField
          {...f('type')}
          options={RESTAURANT_TYPES.map((t) => ({ value: t.code, label: t.label }))}
          required
        />
        <TextField {...f('convives')} hint="Par exemple « tous », ou « maternelle ; élémentaire »." required />
        <SelectField {...f('idType')} options={ID_TYPES.map((t) => ({ value: t.code, label: t.label }))} required />
        <TextField
          {...f('identifiant')}
          hint="Le SIRET du restaurant, le code UAI de l’école (7 chiffres et une lettre) ou votre identifiant interne ; vide s’il n’y en a pas."
        />
        <TextField
          {...f('etablissementNom')}
          hint="La commune si elle cuisine elle-même (régie), ou le nom du prestataire."
          required
        />
        <TextField {...f('etablissementSiret')} hint="14 chiffres, facultatif." />
        <button type="submit" class="button">
          Enregistrer
        </button>
      </form>
      {v.restaurant && (
        <form method="post" action={`/admin/cantine/restaurants/${v.restaurant.id}/suppression`} class="card">
          <CsrfField token={v.shell.csrfToken} />
          <h2>Supprimer ce restaurant</h2>
          <p>Possible seulement tant qu’aucun menu n’a été publié pour lui.</p>
          <button type="submit" class="button button--ghost">
            Supprimer {v.restaurant.nom}
          </button>
        </form>
      )}
    </AdminLayout>
  );
}
