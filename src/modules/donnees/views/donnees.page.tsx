import type { Dataset } from '../../../core/module.js';
import { PublicLayout, type PublicShell } from '../../../ui/public-layout.js';

export interface DonneesView {
  shell: PublicShell;
  datasets: Dataset[];
}

const DAY = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });
/** "20 novembre 2026" from a YYYY-MM-DD date, read as a calendar day. */
const formatDay = (date: string): string => DAY.format(new Date(`${date}T12:00:00Z`));

/** /donnees: the commune's open datasets, with the catalogue in the SCDL catalogue format. */
export function DonneesPage({ shell, datasets }: DonneesView) {
  const nom = shell.commune?.nom ?? '';
  return (
    <PublicLayout
      shell={shell}
      title="Données ouvertes"
      description={`Les jeux de données publiés par la commune de ${nom}.`}
    >
      <div class="container">
        <nav aria-label="Fil d’Ariane" class="breadcrumb">
          <ol>
            <li>
              <a href="/">Accueil</a>
            </li>
            <li aria-current="page">Données ouvertes</li>
          </ol>
        </nav>
        <h1>Données ouvertes</h1>
        <p class="lead">
          Les données publiées par la commune, au format CSV, selon les schémas du socle commun des données locales
          (SCDL), sous Licence Ouverte.
        </p>
        <p>
          <a href="/donnees/catalogue.csv" download="catalogue.csv">
            Catalogue des jeux de données (CSV, schéma SCDL catalogue)
          </a>
        </p>
        {datasets.length === 0 ? (
          <p>Aucun jeu de données n’est publié pour le moment.</p>
        ) : (
          datasets.map((d) => (
            <section key={d.id} class="card" aria-labelledby={`jeu-${d.id}`}>
              <h2 id={`jeu-${d.id}`} class="card__title">
                {d.titre}
              </h2>
              <p>{d.description}</p>
              <p class="small">
                Période couverte : du {formatDay(d.debut)} au {formatDay(d.fin)}. Mis à jour le {formatDay(d.majLe)}.
              </p>
              <ul>
                <li>
                  <a href={new URL(d.csv).pathname} download>
                    Fichier complet (CSV)
                  </a>
                </li>
                {d.parties.map((r) => (
                  <li key={r.href}>
                    <a href={r.href} download>
                      {r.label}
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          ))
        )}
      </div>
    </PublicLayout>
  );
}
