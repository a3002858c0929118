import { PublicLayout, type PublicShell } from '../../../ui/public-layout.js';
import { EGALIM_TARGETS, formatEuros, formatPercent } from '../egalim.rules.js';
import type { HomeMenu, PublicWeek } from '../public.service.js';
import { formatDayLabel, formatIsoWeek, formatWeekRange, isoWeekOf } from '../semaine.rules.js';
import { CantineLegend, MenuDishes, MenuNotes } from './plat-info.js';

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const weekHref = (w: PublicWeek['week']) => `/cantine?semaine=${formatIsoWeek(w)}`;

function WeekNav({ v }: { v: PublicWeek }) {
  return (
    <nav class="cantine-semaines" aria-label="Autres semaines">
      <a href={weekHref(v.previous)} rel="prev">
        ← Semaine précédente<span class="sr-only"> ({formatWeekRange(v.previous)})</span>
      </a>
      <a href={weekHref(v.next)} rel="next">
        Semaine suivante<span class="sr-only"> ({formatWeekRange(v.next)})</span> →
      </a>
    </nav>
  );
}

function Restaurant({ item, index }: { item: PublicWeek['restaurants'][number]; index: number }) {
  const titleId = `restaurant-${index}`;
  return (
    <section class="cantine-restaurant" aria-labelledby={titleId}>
      <h2 id={titleId}>{item.restaurant.nom}</h2>
      {item.days.length === 0 ? (
        <p>Aucun menu n’est publié pour cette semaine.</p>
      ) : (
        <div class="cantine-jours">
          {item.days.map((d) => (
            <article key={d.date} class="cantine-jour" aria-labelledby={`${titleId}-${d.date}`}>
              <h3 id={`${titleId}-${d.date}`} class="cantine-jour__titre">
                {capitalize(formatDayLabel(d.date))}
              </h3>
              {d.menus.map((m) => (
                <div
                  key={m.id}
                  class={m.vegetarien ? 'cantine-repas-bloc cantine-repas-bloc--vege' : 'cantine-repas-bloc'}
                >
                  <MenuNotes repas={m.repas} vegetarien={m.vegetarien} precision={m.precision} />
                  <MenuDishes plats={m.plats} />
                </div>
              ))}
            </article>
          ))}
        </div>
      )}
    </section>
  );
}

function Egalim({ egalim }: { egalim: PublicWeek['egalim'] }) {
  return (
    <section class="cantine-egalim" aria-labelledby="egalim-titre">
      <h2 id="egalim-titre">
        {egalim ? `Qualité des produits achetés en ${egalim.year.annee}` : 'Qualité des produits'}
      </h2>
      <p>
        La loi EGalim (article L230-5-1 du code rural et de la pêche maritime) demande qu’au moins{' '}
        {EGALIM_TARGETS.durable} % des achats de denrées, en valeur hors taxes, soient des produits durables et de
        qualité, dont au moins {EGALIM_TARGETS.bio} % de produits biologiques.
      </p>
      {egalim ? (
        <>
          <dl class="cantine-egalim__parts">
            <div>
              <dt>Produits durables et de qualité, bio compris</dt>
              <dd>
                <strong>{formatPercent(egalim.shares.durable)}</strong> des achats (objectif légal : au moins{' '}
                {EGALIM_TARGETS.durable} %) — {egalim.shares.durableMet ? 'objectif atteint' : 'objectif non atteint'}
              </dd>
            </div>
            <div>
              <dt>Produits biologiques</dt>
              <dd>
                <strong>{formatPercent(egalim.shares.bio)}</strong> des achats (objectif légal : au moins{' '}
                {EGALIM_TARGETS.bio} %) — {egalim.shares.bioMet ? 'objectif atteint' : 'objectif non atteint'}
              </dd>
            </div>
          </dl>
          <p class="small muted">
            Sur {formatEuros(egalim.year.totalCents)} HT d’achats alimentaires en {egalim.year.annee}, chiffres déclarés
            par la commune.
          </p>
        </>
      ) : (
        <p>La commune n’a pas encore publié ses parts de produits durables et biologiques.</p>
      )}
    </section>
  );
}

/** /cantine: a week of menus, per restaurant and per day, then the legend and the EGalim shares. */
export function CantinePage({ shell, v }: { shell: PublicShell; v: PublicWeek }) {
  const range = formatWeekRange(v.week);
  return (
    <PublicLayout
      shell={shell}
      title={`Menus de la cantine, semaine ${range}`}
      description={`Menus de la restauration scolaire de ${shell.commune?.nom ?? 'la commune'}, semaine ${range} : plats, allergènes et labels.`}
    >
      <div class="container cantine">
        <h1>Menus de la cantine</h1>
        <p class="lead">Semaine {range}</p>
        <WeekNav v={v} />
        {v.restaurants.length === 0 ? (
          <p>La commune ne publie pas encore de menus.</p>
        ) : (
          v.restaurants.map((item, i) => <Restaurant key={item.restaurant.id} item={item} index={i + 1} />)
        )}
        <CantineLegend />
        <Egalim egalim={v.egalim} />
        <p>
          <a href="/donnees/menus-collectifs.csv">Télécharger tous les menus publiés</a>{' '}
          <span class="small muted">(fichier CSV au format ouvert SCDL « menus collectifs »)</span>
        </p>
      </div>
    </PublicLayout>
  );
}

/** The home page's block: today's menu, or the next one. */
export function CantineHomeBlock({ v }: { v: HomeMenu }) {
  const when = v.isToday ? `aujourd’hui, ${formatDayLabel(v.date)}` : formatDayLabel(v.date);
  return (
    <section class="card cantine-accueil" aria-labelledby="cantine-accueil-titre">
      <h2 id="cantine-accueil-titre" class="card__title">
        Au menu de la cantine
      </h2>
      <p class="muted">
        {v.restaurant.nom}, {when}
      </p>
      {v.menus.map((m) => (
        <div key={m.id}>
          <MenuNotes repas={m.repas} vegetarien={m.vegetarien} precision={m.precision} />
          <MenuDishes plats={m.plats} withAllergens={false} />
        </div>
      ))}
      <p>
        <a href={`/cantine?semaine=${formatIsoWeek(isoWeekOf(v.date))}`}>Menus de la semaine et allergènes</a>
      </p>
    </section>
  );
}
