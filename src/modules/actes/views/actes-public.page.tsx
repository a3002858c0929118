import { PublicLayout, type PublicShell } from '../../../ui/public-layout.js';
import type { ActeDetail } from '../acte-edit.service.js';
import type { Acte } from '../actes.repo.js';
import { type Executoire, NATURE_INFO, NATURES, PUBLICITE_LABELS, type PubliciteMode } from '../actes.rules.js';
import type { RegisterQuery } from '../actes.schemas.js';
import { NOMENCLATURE_NATIONALE } from '../classification.rules.js';
import { publicFileName, type RegisterPage } from '../public.service.js';
import { canonicalRegisterQuery, formatDay, formatInstant, formatSize } from './format.js';

function Crumbs({ current }: { current?: string }) {
  return (
    <nav aria-label="Fil d’Ariane" class="breadcrumb">
      <ol>
        <li>
          <a href="/">Accueil</a>
        </li>
        {current ? (
          <>
            <li>
              <a href="/actes">Actes administratifs</a>
            </li>
            <li aria-current="page">{current}</li>
          </>
        ) : (
          <li aria-current="page">Actes administratifs</li>
        )}
      </ol>
    </nav>
  );
}

/** The exécutoire mention of the public pages (CGCT L2131-1). */
export function ExecutoireMention({ e, acte }: { e: Executoire; acte: Acte }) {
  if (acte.statut === 'retire' || acte.statut === 'annule') {
    return (
      <p>
        <strong>{acte.statut === 'retire' ? 'Acte retiré' : 'Acte annulé'}</strong>
        {acte.finLe && ` le ${formatDay(acte.finLe)}`}
        {acte.finMotif && ` : ${acte.finMotif}`}. Il n’est plus exécutoire.
      </p>
    );
  }
  if (e.executoire && e.depuis) {
    return (
      <p>
        <strong>Acte exécutoire</strong> depuis le {formatDay(e.depuis)}
        {acte.transmissionRequise && acte.transmisLe
          ? ', après publication et transmission au préfet.'
          : ', après sa publication.'}
      </p>
    );
  }
  return (
    <p>
      <strong>Acte non encore exécutoire</strong> : en attente de {e.manque.join(' et de ')}.
    </p>
  );
}

function Filters({ q, page }: { q: RegisterQuery; page: RegisterPage }) {
  const matieres = NOMENCLATURE_NATIONALE.items.filter((i) => !i.code.includes('.'));
  return (
    <form method="get" action="/actes" class="card" aria-label="Rechercher dans les actes">
      <fieldset class="fieldset">
        <legend>Rechercher un acte</legend>
        <div class="field">
          <label class="field__label" for="champ-q">
            Mots de l’objet ou du texte
          </label>
          <input class="input" type="search" id="champ-q" name="q" value={q.q} />
        </div>
        <div class="actes-filters">
          <div class="field">
            <label class="field__label" for="champ-nature">
              Nature
            </label>
            <select class="input" id="champ-nature" name="nature">
              <option value="">Toutes</option>
              {NATURES.filter((n) => n !== 'arrete_individuel').map((n) => (
                <option key={n} value={n} selected={q.nature === n}>
                  {NATURE_INFO[n].label}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label class="field__label" for="champ-matiere">
              Matière
            </label>
            <select class="input" id="champ-matiere" name="matiere">
              <option value="">Toutes</option>
              {matieres.map((m) => (
                <option key={m.code} value={m.code} selected={q.matiere === m.code}>
                  {m.code}. {m.libelle}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label class="field__label" for="champ-annee">
              Année
            </label>
            <select class="input" id="champ-annee" name="annee">
              <option value="">Toutes</option>
              {page.years.map((y) => (
                <option key={y} value={String(y)} selected={q.annee === y}>
                  {y}
                </option>
              ))}
            </select>
          </div>
          {q.seance !== null && <input type="hidden" name="seance" value={String(q.seance)} />}
          <button class="button" type="submit">
            Rechercher
          </button>
        </div>
      </fieldset>
    </form>
  );
}

function RegisterPagination({ q, page }: { q: RegisterQuery; page: RegisterPage }) {
  if (page.pageCount <= 1) return null;
  const href = (n: number) => `/actes${canonicalRegisterQuery({ ...q, page: n })}`;
  // When the matches were not all counted, the last page is not known: no link to it.
  const pages = [
    ...new Set([1, page.page - 1, page.page, page.page + 1, ...(page.more ? [] : [page.pageCount])]),
  ].filter((n) => n >= 1 && n <= page.pageCount);
  return (
    <nav class="pagination" aria-label="Pagination">
      <ul class="pagination__list">
        {page.page > 1 && (
          <li>
            <a class="pagination__link" href={href(page.page - 1)} rel="prev">
              <span aria-hidden="true">← </span>Page précédente
            </a>
          </li>
        )}
        {pages.map((n) => (
          <li key={n}>
            <a class="pagination__link" href={href(n)} aria-current={n === page.page ? 'page' : undefined}>
              <span class="sr-only">Page </span>
              {n}
            </a>
          </li>
        ))}
        {page.page < page.pageCount && (
          <li>
            <a class="pagination__link" href={href(page.page + 1)} rel="next">
              Page suivante<span aria-hidden="true"> →</span>
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}

/** /actes: the public register, filtered and searched. */
export function RegisterPublicPage({ shell, q, page }: { shell: PublicShell; q: RegisterQuery; page: RegisterPage }) {
  const nom = shell.commune?.nom ?? '';
  const filtered = q.q !== '' || q.nature || q.matiere || q.annee || q.seance;
  const title = page.page > 1 ? `Actes administratifs – page ${page.page}` : 'Actes administratifs';
  return (
    <PublicLayout
      shell={shell}
      title={title}
      description={`Les délibérations, arrêtés et autres actes publiés par la commune de ${nom}.`}
    >
      <div class="container">
        <Crumbs />
        <h1>{title}</h1>
        <p class="lead">
          Les actes réglementaires et les délibérations de la commune, publiés en ligne dans leur intégralité, de
          manière permanente et gratuite. Les décisions individuelles sont notifiées aux personnes intéressées et ne
          figurent pas ici.
        </p>
        <p>
          <a href="/donnees">Données ouvertes de la commune (délibérations au format CSV)</a>
        </p>
        <Filters q={q} page={page} />
        <p role="status">
          {page.total === 0
            ? filtered
              ? 'Aucun acte ne correspond à cette recherche.'
              : 'Aucun acte n’est publié pour le moment.'
            : page.more
              ? `Plus de ${page.countCap.toLocaleString('fr-FR')} actes${filtered ? ' trouvés' : ''}.`
              : `${page.total.toLocaleString('fr-FR')} acte${page.total > 1 ? 's' : ''}${filtered ? ` trouvé${page.total > 1 ? 's' : ''}` : ''}.`}
        </p>
        {page.items.length > 0 && (
          <ul class="actes-list">
            {page.items.map((a) => (
              <li key={a.id} class="actes-list__item">
                <h2 class="actes-list__title">
                  <a href={`/actes/${a.id}`}>{a.objet}</a>
                </h2>
                <p class="actes-list__meta">
                  {NATURE_INFO[a.nature].label} n° {a.numero} du{' '}
                  <time dateTime={a.dateDecision}>{formatDay(a.dateDecision)}</time>
                  {a.matiereCode && ` · matière ${a.matiereCode}`}
                  {a.statut === 'retire' && ' · retiré'}
                  {a.statut === 'annule' && ' · annulé'}
                  {a.statut === 'publie' && (a.executoire.executoire ? ' · exécutoire' : ' · pas encore exécutoire')}
                </p>
              </li>
            ))}
          </ul>
        )}
        <RegisterPagination q={q} page={page} />
      </div>
    </PublicLayout>
  );
}

/** /actes/<id>: one act with its author, dates, exécutoire mention, documents and fingerprints. */
export function ActePublicPage({ shell, d }: { shell: PublicShell; d: ActeDetail }) {
  const a = d.acte;
  const docs = [
    ...(d.document
      ? [{ label: 'Document de l’acte', file: d.document, name: publicFileName(a, d.document.mime, null) }]
      : []),
    ...d.annexes.flatMap((x, i) =>
      x.file ? [{ label: `Annexe ${i + 1}`, file: x.file, name: publicFileName(a, x.file.mime, i + 1) }] : [],
    ),
  ];
  const mode = (a.publiciteMode ?? 'electronique') as PubliciteMode;
  return (
    <PublicLayout
      shell={shell}
      title={`${NATURE_INFO[a.nature].label} n° ${a.numero} : ${a.objet}`}
      description={a.objet}
    >
      <div class="container">
        <Crumbs current={`${NATURE_INFO[a.nature].label} n° ${a.numero}`} />
        <h1>{a.objet}</h1>
        <p class="lead">
          {NATURE_INFO[a.nature].label} n° {a.numero} du {formatDay(a.dateDecision)}
        </p>
        <ExecutoireMention e={d.executoire} acte={a} />
        <dl class="acte-facts">
          <dt>Auteur</dt>
          <dd>
            {a.auteurNom}, {a.auteurQualite}
          </dd>
          <dt>Date de la décision</dt>
          <dd>{formatDay(a.dateDecision)}</dd>
          {a.publieLe && (
            <>
              <dt>Date de mise en ligne</dt>
              <dd>
                <time dateTime={a.publieLe}>{formatInstant(a.publieLe)}</time>
                {mode !== 'electronique' &&
                  ` (mode de publicité de la commune : ${PUBLICITE_LABELS[mode].toLowerCase()})`}
              </dd>
            </>
          )}
          {a.matiereCode && (
            <>
              <dt>Matière</dt>
              <dd>
                {a.matiereCode} {a.matiereLibelle}
              </dd>
            </>
          )}
          {a.transmissionRequise && (
            <>
              <dt>Transmission au préfet</dt>
              <dd>
                {a.transmisLe
                  ? `Transmis le ${formatDay(a.transmisLe)}${a.arRecuLe ? `, accusé de réception du ${formatDay(a.arRecuLe)}` : ''}`
                  : 'En attente de transmission'}
                {a.transmissionId && (
                  <>
                    {' '}
                    (identifiant <span class="empreinte">{a.transmissionId}</span>)
                  </>
                )}
              </dd>
            </>
          )}
          {a.seanceId !== null && (
            <>
              <dt>Séance</dt>
              <dd>
                <a href={`/actes?seance=${a.seanceId}`}>Autres délibérations de cette séance</a>
              </dd>
            </>
          )}
        </dl>
        <h2>Documents</h2>
        <ul class="actes-docs">
          {docs.map((x) => (
            <li key={x.name}>
              <a href={`/actes/${a.id}/${x.name}`} download={x.name}>
                {x.label} ({x.file.mime === 'application/pdf' ? 'PDF' : x.file.mime === 'image/png' ? 'PNG' : 'JPEG'},{' '}
                {formatSize(x.file.size)})
              </a>
              <p class="small">
                Empreinte SHA-256 : <span class="empreinte">{x.file.sha256}</span>
              </p>
            </li>
          ))}
        </ul>
        {d.registre && (
          <p class="small">
            Publication inscrite au registre d’intégrité de la commune le {formatInstant(d.registre.recordedAt)} (entrée
            n° {d.registre.seq}, empreinte chaînée <span class="empreinte">{d.registre.hash}</span>).
          </p>
        )}
      </div>
    </PublicLayout>
  );
}
