import { ALLERGENS, allergensText, courseLabel, LABELS, repasLabel } from '../cantine.rules.js';
import type { Plat } from '../plats.service.js';

/** A label as its abbreviation, spelled out for assistive technologies and in the page's legend. */
export function LabelAbbr({ code }: { code: string }) {
  const label = LABELS.find((l) => l.code === code);
  if (!label) return null;
  return (
    <abbr class="cantine-label" title={label.label}>
      {label.abbr}
    </abbr>
  );
}

/** A dish as the public reads it: name, labels, vegetarian main dish, allergens in words. */
export function PlatInfo({ plat, withAllergens = true }: { plat: Plat; withAllergens?: boolean }) {
  return (
    <>
      <span class="cantine-plat__nom">{plat.nom}</span>
      {plat.labels.length > 0 && (
        <span class="cantine-plat__labels">
          {' '}
          {plat.labels.map((code) => (
            <LabelAbbr key={code} code={code} />
          ))}
        </span>
      )}
      {plat.vegetarien && plat.type === 'plat' && <span class="cantine-tag"> végétarien</span>}
      {withAllergens && (
        <span class="cantine-plat__allergenes">
          Allergènes : {allergensText(plat.allergenes, plat.allergenesRenseignes)}
        </span>
      )}
    </>
  );
}

/** The dishes of a menu, course by course. */
export function MenuDishes({ plats, withAllergens = true }: { plats: Plat[]; withAllergens?: boolean }) {
  return (
    <dl class="cantine-menu">
      {plats.map((p) => (
        <div key={p.id} class="cantine-menu__ligne">
          <dt>{courseLabel(p.type)}</dt>
          <dd>
            <PlatInfo plat={p} withAllergens={withAllergens} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** What the menu says besides its dishes: another meal than lunch, the vegetarian mark, a note. */
export function MenuNotes({ repas, vegetarien, precision }: { repas: string; vegetarien: boolean; precision: string }) {
  return (
    <>
      {repas !== 'dejeuner' && <p class="cantine-repas">{repasLabel(repas)}</p>}
      {vegetarien && <p class="cantine-badge">Menu végétarien</p>}
      {precision && <p class="cantine-precision">{precision}</p>}
    </>
  );
}

/** The abbreviations and the 14 allergens, spelled out. */
export function CantineLegend() {
  return (
    <section class="cantine-legende" aria-labelledby="cantine-legende-titre">
      <h2 id="cantine-legende-titre">Signes de qualité et allergènes</h2>
      <dl class="cantine-legende__labels">
        {LABELS.map((l) => (
          <div key={l.code}>
            <dt>{l.abbr}</dt>
            <dd>{l.label}</dd>
          </div>
        ))}
      </dl>
      <details class="cantine-legende__allergenes">
        <summary>Les 14 allergènes à déclarer (règlement européen n° 1169/2011)</summary>
        <ul>
          {ALLERGENS.map((a) => (
            <li key={a.code}>
              <strong>{a.label}</strong> : {a.legal}.
            </li>
          ))}
        </ul>
      </details>
      <p class="small muted">
        Un enfant allergique peut bénéficier d’un projet d’accueil individualisé (PAI) : adressez-vous à la mairie.
      </p>
    </section>
  );
}
