import { AdminLayout, type AdminShell } from '../../../ui/admin-layout.js';
import { CsrfField, ErrorSummary, type Errors, Notice, TextField } from '../../../ui/form.js';
import { EGALIM_TARGETS, egalimShares, eurosInputValue, formatEuros, formatPercent } from '../egalim.rules.js';
import type { EgalimYear } from '../egalim.service.js';

const LABELS = {
  annee: 'Année',
  total: 'Total des achats de denrées (€ HT)',
  durable: 'Dont produits durables et de qualité, bio compris (€ HT)',
  bio: 'Dont produits biologiques (€ HT)',
};

const met = (ok: boolean) => (ok ? 'atteint' : 'non atteint');

/** /admin/cantine/egalim: the purchases of each year and the shares the public page shows. */
export function EgalimPage(v: {
  shell: AdminShell;
  years: EgalimYear[];
  values: Record<string, string>;
  errors?: Errors;
  message?: string | undefined;
}) {
  const errors = v.errors ?? {};
  return (
    <AdminLayout shell={v.shell} title="Parts EGalim">
      <p>
        <a href="/admin/cantine">← Retour à la cantine</a>
      </p>
      <h1>Parts EGalim</h1>
      {v.message === 'enregistre' && <Notice kind="success">Les achats de l’année ont été enregistrés.</Notice>}
      <p>
        Objectifs légaux (article L230-5-1 du code rural) : au moins {EGALIM_TARGETS.durable} % des achats en produits
        durables et de qualité, dont au moins {EGALIM_TARGETS.bio} % de produits biologiques, en valeur hors taxes. La
        commune doit en informer les usagers au moins une fois par an : les parts saisies ici s’affichent sur la page
        publique des menus.
      </p>
      {v.years.length > 0 && (
        <div class="table-wrap cantine-table-wrap">
          <table class="table">
            <caption>Parts déclarées</caption>
            <thead>
              <tr>
                <th scope="col">Année</th>
                <th scope="col">Achats</th>
                <th scope="col">Durables et de qualité</th>
                <th scope="col">Bio</th>
              </tr>
            </thead>
            <tbody>
              {v.years.map((y) => {
                const s = egalimShares(y);
                return (
                  <tr key={y.annee}>
                    <th scope="row">{y.annee}</th>
                    <td class="num">{formatEuros(y.totalCents)}</td>
                    <td>
                      {formatPercent(s.durable)} (objectif {met(s.durableMet)})
                    </td>
                    <td>
                      {formatPercent(s.bio)} (objectif {met(s.bioMet)})
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <section class="card" aria-labelledby="saisir">
        <h2 id="saisir">Saisir ou corriger une année</h2>
        <ErrorSummary errors={errors} labels={LABELS} />
        <form method="post" action="/admin/cantine/egalim" novalidate>
          <CsrfField token={v.shell.csrfToken} />
          <TextField name="annee" label={LABELS.annee} value={v.values.annee} error={errors.annee} required />
          <TextField
            name="total"
            label={LABELS.total}
            hint="Exemple : 41 200,50"
            value={v.values.total}
            error={errors.total}
            required
          />
          <TextField name="durable" label={LABELS.durable} value={v.values.durable} error={errors.durable} required />
          <TextField name="bio" label={LABELS.bio} value={v.values.bio} error={errors.bio} required />
          <button type="submit" class="button">
            Enregistrer
          </button>
        </form>
      </section>
    </AdminLayout>
  );
}

export const egalimValues = (y: EgalimYear | undefined, annee: number): Record<string, string> =>
  y
    ? {
        annee: String(y.annee),
        total: eurosInputValue(y.totalCents),
        durable: eurosInputValue(y.durableCents),
        bio: eurosInputValue(y.bioCents),
      }
    : { annee: String(annee) };
