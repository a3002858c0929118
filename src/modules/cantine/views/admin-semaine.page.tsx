import { AdminLayout, type AdminShell } from '../../../ui/admin-layout.js';
import { CsrfField, ErrorSummary, type Errors, Notice } from '../../../ui/form.js';
import { COURSES, type CourseCode, courseLabel, repasLabel } from '../cantine.rules.js';
import { FORM_DAYS, slotField, type WeekSlot, weekSlots } from '../cantine.schemas.js';
import type { Menu, WeekView } from '../menus.service.js';
import { addWeeks, formatDayLabel, formatIsoWeek, formatWeekRange } from '../semaine.rules.js';
import { MenuDishes } from './plat-info.js';

const MESSAGES: Record<string, { kind: 'success' | 'info'; text: string }> = {
  enregistre: { kind: 'success', text: 'Les menus de la semaine ont été enregistrés et publiés.' },
  inchange: { kind: 'info', text: 'Aucun changement : les menus étaient déjà ceux-là.' },
  copie: { kind: 'success', text: 'Les menus de la semaine précédente ont été copiés sur cette semaine.' },
  'copie-vide': { kind: 'info', text: 'La semaine précédente n’a aucun menu : rien n’a été copié.' },
  'copie-complet': { kind: 'info', text: 'Chaque jour de cette semaine a déjà son menu : rien n’a été copié.' },
};

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const lunchOf = (menus: Menu[], date: string | undefined) =>
  menus.find((m) => m.date === date && m.repas === 'dejeuner');

/** The form's values from the saved lunches, and the lines it needs. */
export function weekFormValues(view: WeekView): { values: Record<string, string>; slots: WeekSlot[] } {
  const counts: Partial<Record<CourseCode, number>> = {};
  const values: Record<string, string> = {};
  for (const day of FORM_DAYS) {
    const menu = lunchOf(view.menus, view.dates[day - 1]);
    if (!menu) continue;
    const seen: Partial<Record<CourseCode, number>> = {};
    for (const p of menu.plats) {
      const index = seen[p.type] ?? 0;
      seen[p.type] = index + 1;
      counts[p.type] = Math.max(counts[p.type] ?? 0, index + 1);
      values[slotField(day, { type: p.type, index })] = p.nom;
    }
    if (menu.vegetarien) values[`j${day}_vegetarien`] = 'on';
    values[`j${day}_precision`] = menu.precision;
  }
  return { values, slots: weekSlots(counts) };
}

const slotLabel = (s: WeekSlot) => (s.index === 0 ? courseLabel(s.type) : `${courseLabel(s.type)} (${s.index + 1})`);

function DishInput({ day, slot, value, error }: { day: number; slot: WeekSlot; value: string; error?: string }) {
  const name = slotField(day, slot);
  return (
    <div class={error ? 'field field--error cantine-champ' : 'field cantine-champ'}>
      <label for={`champ-${name}`} class="field__label">
        {slotLabel(slot)}
      </label>
      {error && (
        <p class="field__error" id={`erreur-${name}`}>
          <span class="sr-only">Erreur : </span>
          {error}
        </p>
      )}
      <input
        class="input"
        id={`champ-${name}`}
        name={name}
        list={`plats-${slot.type}`}
        value={value}
        autocomplete="off"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `erreur-${name}` : undefined}
      />
    </div>
  );
}

function DayFieldset(p: {
  day: number;
  date: string;
  slots: WeekSlot[];
  values: Record<string, string>;
  errors: Errors;
}) {
  const veg = `j${p.day}_vegetarien`;
  const precision = `j${p.day}_precision`;
  return (
    <fieldset class="cantine-semaine__jour">
      <legend>{capitalize(formatDayLabel(p.date))}</legend>
      {p.slots.map((s) => {
        const name = slotField(p.day, s);
        return <DishInput key={name} day={p.day} slot={s} value={p.values[name] ?? ''} error={p.errors[name]} />;
      })}
      <div class={p.errors[veg] ? 'field field--checkbox field--error' : 'field field--checkbox'}>
        <input
          type="checkbox"
          id={`champ-${veg}`}
          name={veg}
          class="checkbox"
          checked={p.values[veg] === 'on'}
          aria-describedby={p.errors[veg] ? `erreur-${veg}` : undefined}
        />
        <label for={`champ-${veg}`}>Menu végétarien</label>
        {p.errors[veg] && (
          <p class="field__error" id={`erreur-${veg}`}>
            {p.errors[veg]}
          </p>
        )}
      </div>
      <div class={p.errors[precision] ? 'field field--error cantine-champ' : 'field cantine-champ'}>
        <label for={`champ-${precision}`} class="field__label">
          Précision <span class="field__required">(facultatif)</span>
        </label>
        {p.errors[precision] && (
          <p class="field__error" id={`erreur-${precision}`}>
            {p.errors[precision]}
          </p>
        )}
        <input
          class="input"
          id={`champ-${precision}`}
          name={precision}
          value={p.values[precision] ?? ''}
          aria-invalid={p.errors[precision] ? 'true' : undefined}
          aria-describedby={p.errors[precision] ? `erreur-${precision}` : undefined}
        />
      </div>
    </fieldset>
  );
}

function Warnings({ view }: { view: WeekView }) {
  const lunches = view.menus.filter((m) => m.repas === 'dejeuner');
  const toComplete = new Map(
    lunches.flatMap((m) => m.plats.filter((p) => !p.allergenesRenseignes).map((p) => [p.id, p])),
  );
  return (
    <>
      {lunches.length > 0 && !lunches.some((m) => m.vegetarien) && (
        <Notice kind="info">
          Aucun menu végétarien n’est marqué cette semaine : la loi demande d’en proposer au moins un par semaine
          (article L230-5-6 du code rural).
        </Notice>
      )}
      {toComplete.size > 0 && (
        <div class="alert alert--info" role="status">
          <p class="alert__title">Allergènes à renseigner</p>
          <ul>
            {[...toComplete.values()].map((p) => (
              <li key={p.id}>
                <a href={`/admin/cantine/plats/${p.id}`}>{p.nom}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

export interface WeekPageView {
  shell: AdminShell;
  view: WeekView;
  message?: string | undefined;
  form?: { values: Record<string, string>; errors: Errors; slots: WeekSlot[] };
}

/** A restaurant's week: one column per school day, one field per course, with the dishes already used. */
export function WeekFormPage({ shell, view, message, form }: WeekPageView) {
  const r = view.restaurant;
  const base = `/admin/cantine/restaurants/${r.id}/menus`;
  const state = form ?? { ...weekFormValues(view), errors: {} };
  const notice = message ? MESSAGES[message] : undefined;
  const range = formatWeekRange(view.week);
  const labels = Object.fromEntries(
    FORM_DAYS.flatMap((day) => {
      const d = capitalize(formatDayLabel(view.dates[day - 1] ?? ''));
      return [
        ...state.slots.map((s) => [slotField(day, s), `${d}, ${slotLabel(s).toLowerCase()}`]),
        [`j${day}_vegetarien`, `${d}, menu végétarien`],
        [`j${day}_precision`, `${d}, précision`],
      ];
    }),
  );
  const others = view.menus.filter((m) => m.repas !== 'dejeuner');
  return (
    <AdminLayout shell={shell} title={`Menus de ${r.nom}, semaine ${range}`}>
      <p>
        <a href="/admin/cantine">← Retour à la cantine</a>
      </p>
      <h1>Menus : {r.nom}</h1>
      <p class="lead">Semaine {range}</p>
      <nav class="cantine-semaines" aria-label="Autres semaines">
        <a href={`${base}/${formatIsoWeek(addWeeks(view.week, -1))}`}>← Semaine précédente</a>
        <a href={`${base}/${formatIsoWeek(addWeeks(view.week, 1))}`}>Semaine suivante →</a>
      </nav>
      <form method="get" action={base} class="cantine-aller">
        <label for="aller-semaine">Aller à la semaine (exemple : 2026-W48)</label>
        <input type="week" id="aller-semaine" name="semaine" class="input" value={formatIsoWeek(view.week)} />
        <button type="submit" class="button button--small">
          Afficher
        </button>
      </form>
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
      <ErrorSummary errors={state.errors} labels={labels} />
      <Warnings view={view} />
      <form method="post" action={`${base}/${formatIsoWeek(view.week)}/copie`} class="cantine-copie">
        <CsrfField token={shell.csrfToken} />
        <button type="submit" class="button button--ghost">
          Copier la semaine précédente
        </button>
        <p class="field__hint">
          Recopie les menus de la semaine {formatWeekRange(addWeeks(view.week, -1))} sur les mêmes jours ; les jours qui
          ont déjà un menu ne changent pas.
        </p>
      </form>
      <form method="post" action={`${base}/${formatIsoWeek(view.week)}`} novalidate>
        <CsrfField token={shell.csrfToken} />
        <p class="field__hint">
          Choisissez un plat déjà servi dans la liste proposée, ou tapez le nom d’un nouveau plat : il sera créé, et
          vous renseignerez ensuite ses allergènes. Laissez un jour vide s’il n’y a pas de repas.
        </p>
        {COURSES.map((c) => (
          <datalist key={c.code} id={`plats-${c.code}`}>
            {view.names[c.code].map((n) => (
              <option key={n} value={n} />
            ))}
          </datalist>
        ))}
        <div class="cantine-semaine">
          {FORM_DAYS.map((day) => (
            <DayFieldset
              key={day}
              day={day}
              date={view.dates[day - 1] ?? ''}
              slots={state.slots}
              values={state.values}
              errors={state.errors}
            />
          ))}
        </div>
        <button type="submit" class="button">
          Enregistrer la semaine
        </button>
      </form>
      {others.length > 0 && (
        <section aria-labelledby="autres-repas">
          <h2 id="autres-repas">Autres repas de la semaine</h2>
          <p class="field__hint">Ces repas viennent d’un fichier importé ; un nouvel import les remplace.</p>
          {others.map((m) => (
            <div key={m.id} class="card">
              <h3>
                {capitalize(formatDayLabel(m.date))} : {repasLabel(m.repas).toLowerCase()}
              </h3>
              <MenuDishes plats={m.plats} />
            </div>
          ))}
        </section>
      )}
    </AdminLayout>
  );
}
