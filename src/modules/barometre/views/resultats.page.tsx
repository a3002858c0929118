import { AdminLayout, type AdminShell } from '../../../ui/admin-layout.js';
import { Notice } from '../../../ui/form.js';
import { PublicLayout, type PublicShell } from '../../../ui/public-layout.js';
import type { Campagne } from '../campagnes.service.js';
import type { Resultats } from '../resultats.service.js';
import { ResultatsBody } from './resultats.js';

function Exports({ base }: { base: string }) {
  return (
    <p class="bresults__exports">
      Télécharger : <a href={`${base}/resultats.csv`}>agrégats CSV</a>,{' '}
      <a href={`${base}/resultats.json`}>agrégats JSON</a>, <a href={`${base}/rapport.pdf`}>rapport PDF</a>.
    </p>
  );
}

/** The operator's results of a campaign (provisional while it is open). */
export function ResultatsOperateurPage({ shell, r }: { shell: AdminShell; r: Resultats }) {
  const base = `/plateforme/barometre/${r.campagne.annee}`;
  return (
    <AdminLayout shell={shell} title={`Résultats ${r.campagne.annee}`}>
      <p>
        <a href={base}>Campagne {r.campagne.annee}</a>
      </p>
      <h1>Résultats du baromètre {r.campagne.annee}</h1>
      {r.campagne.statut !== 'close' && (
        <Notice kind="info">La campagne n’est pas close : ces résultats sont provisoires.</Notice>
      )}
      <Exports base={base} />
      <ResultatsBody r={r} />
    </AdminLayout>
  );
}

export interface ObservatoireView {
  shell: PublicShell;
  campagnes: Campagne[];
  r: Resultats | null;
}

/** The public observatory: the results of the closed campaigns, platform-wide. */
export function ObservatoirePage(v: ObservatoireView) {
  const annee = v.r?.campagne.annee;
  return (
    <PublicLayout
      shell={v.shell}
      title={annee ? `Observatoire du numérique – baromètre ${annee}` : 'Observatoire du numérique'}
      description="Résultats du baromètre numérique des communes de moins de 10 000 habitants."
    >
      <div class="container bresults-page">
        <h1>Observatoire du numérique des communes{annee ? ` – ${annee}` : ''}</h1>
        <p>
          Chaque année, le baromètre numérique interroge les mairies des communes de moins de 10 000 habitants. Les
          parts sont données avec leur intervalle de confiance à 95 % ; aucun groupe de moins de 5 communes n’est
          publié.
        </p>
        {v.campagnes.length > 1 && (
          <nav aria-label="Campagnes publiées">
            <ul class="bresults__years">
              {v.campagnes.map((c) => (
                <li key={c.annee}>
                  <a href={`/observatoire/${c.annee}`} aria-current={c.annee === annee ? 'page' : undefined}>
                    {c.annee}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        {v.r ? (
          <>
            <Exports base={`/observatoire/${v.r.campagne.annee}`} />
            <ResultatsBody r={v.r} />
          </>
        ) : (
          <p>Aucun résultat n’est encore publié.</p>
        )}
      </div>
    </PublicLayout>
  );
}
