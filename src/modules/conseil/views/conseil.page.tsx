import { formatSize } from '../../../core/files/index.js';
import { Notice } from '../../../ui/form.js';
import { formatDateTime } from '../../../ui/format.js';
import { PublicLayout, type PublicShell } from '../../../ui/public-layout.js';
import type { SeanceDossier } from '../conseil.dossier.js';
import type { PublicConseil, PublicSeance, PublicSeanceResume } from '../conseil.public.js';
import { MANDAT_LABELS } from '../conseil.rules.js';
import { dateLongue, heureFr } from '../conseil.templates.js';

const PATH = '/conseil-municipal';

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
              <a href={PATH}>Conseil municipal</a>
            </li>
            <li aria-current="page">{current}</li>
          </>
        ) : (
          <li aria-current="page">Conseil municipal</li>
        )}
      </ol>
    </nav>
  );
}

const RESULTATS: Record<string, string> = { adopte: 'adoptée', rejete: 'rejetée', nomme: 'nomination prononcée' };

function SeanceBlock({ ps, level }: { ps: PublicSeanceResume; level: 2 | 3 }) {
  const H = level === 2 ? 'h2' : 'h3';
  const s = ps.seance;
  return (
    <article class="card">
      <H class="card__title">
        <a href={`${PATH}/seances/${s.id}`}>
          Séance du {dateLongue(s.date)} à {heureFr(s.heure)}
        </a>
      </H>
      <p>
        {s.lieu}. {s.convoqueeLe && `Convocation du ${formatDateTime(s.convoqueeLe, 'medium')}.`}
      </p>
      {ps.deliberations !== null ? (
        <p>{ps.deliberations} délibération(s) – liste publiée.</p>
      ) : (
        <p>{ps.points} point(s) à l’ordre du jour.</p>
      )}
    </article>
  );
}

export function ConseilPublicPage({ shell, c }: { shell: PublicShell; c: PublicConseil }) {
  return (
    <PublicLayout
      shell={shell}
      title="Conseil municipal"
      description="Les élus du conseil municipal, les prochaines séances et leur ordre du jour, les délibérations et procès-verbaux."
    >
      <div class="container">
        <Crumbs />
        <h1>Conseil municipal</h1>
        <h2>Prochaines séances</h2>
        {c.aVenir.length === 0 ? (
          <p>Aucune séance convoquée pour le moment.</p>
        ) : (
          c.aVenir.map((ps) => <SeanceBlock key={ps.seance.id} ps={ps} level={3} />)
        )}
        <h2>Séances passées</h2>
        {c.passees.length === 0 ? (
          <p>Aucune séance passée.</p>
        ) : (
          c.passees.map((ps) => <SeanceBlock key={ps.seance.id} ps={ps} level={3} />)
        )}
        <h2>Les élus</h2>
        <ul class="link-list">
          {c.membres.map((m) => (
            <li key={m.id}>
              {m.prenom} {m.nom} –{' '}
              {m.mandat === 'adjoint' && m.rang
                ? `${m.rang}${m.rang === 1 ? 'er' : 'e'} adjoint`
                : MANDAT_LABELS[m.mandat]}
            </li>
          ))}
        </ul>
        <p>
          <a href="/actes">Toutes les délibérations et arrêtés dans le registre des actes</a>
        </p>
      </div>
    </PublicLayout>
  );
}

export function SeancePublicPage({ shell, ps }: { shell: PublicShell; ps: PublicSeance }) {
  const s = ps.seance;
  const title = `Séance du ${dateLongue(s.date)}`;
  return (
    <PublicLayout shell={shell} title={`${title} – Conseil municipal`} description={`Conseil municipal : ${title}.`}>
      <div class="container prose">
        <Crumbs current={title} />
        <h1>{title}</h1>
        <p>
          Séance {s.type} à {heureFr(s.heure)}, {s.lieu}.
          {s.convoqueeLe && ` Convocation du ${formatDateTime(s.convoqueeLe, 'medium')}.`}
        </p>
        <h2>Ordre du jour</h2>
        <ol>
          {ps.points.map((p) => (
            <li key={p.numero}>{p.titre}</li>
          ))}
        </ol>
        <h2>Liste des délibérations</h2>
        {ps.deliberations === null ? (
          <p>La liste des délibérations n’est pas encore publiée.</p>
        ) : (
          <ul>
            {ps.deliberations.map((dl) => (
              <li key={dl.numero}>
                N° {dl.numero} : {dl.titre}
                {dl.resultat && ` – ${RESULTATS[dl.resultat] ?? dl.resultat}`}
                {dl.acte &&
                  (dl.acte.enLigne ? (
                    <>
                      {' – '}
                      <a href={`/actes/${dl.acte.id}`}>délibération n° {dl.acte.numero}</a>
                    </>
                  ) : (
                    ` – délibération n° ${dl.acte.numero} (en cours de publication)`
                  ))}
              </li>
            ))}
          </ul>
        )}
        <h2>Procès-verbal</h2>
        {ps.pv === null ? (
          <p>Le procès-verbal n’est pas encore publié : il est approuvé au début de la séance suivante.</p>
        ) : (
          <>
            <p>Publié le {s.pvPublieLe ? formatDateTime(s.pvPublieLe, 'medium') : ''}.</p>
            <pre class="pre-line card">{ps.pv}</pre>
          </>
        )}
        <p>
          <a href={PATH}>← Conseil municipal</a>
        </p>
      </div>
    </PublicLayout>
  );
}

/** A member's personal link: the séance's file (the opening is the acknowledgement). */
export function ConvocationMembrePage({
  shell,
  d,
  membre,
  token,
}: {
  shell: PublicShell;
  d: SeanceDossier;
  membre: string;
  token: string;
}) {
  const s = d.seance;
  const title = `Convocation – séance du ${dateLongue(s.date)}`;
  return (
    <PublicLayout shell={shell} title={title} description="Documents de séance du conseil municipal.">
      <div class="container prose">
        <h1>{title}</h1>
        <Notice kind="info">
          Bonjour {membre}, l’ouverture de cette page vaut accusé de réception de votre convocation.
        </Notice>
        <p>
          Séance {s.type} du conseil municipal le {dateLongue(s.date)} à {heureFr(s.heure)}, {s.lieu}.
        </p>
        <h2>Ordre du jour</h2>
        {d.points.map((p) => {
          const docs = d.documents.filter((x) => x.pointId === p.id);
          return (
            <section key={p.id} class="card">
              <h3>
                {p.numero}. {p.titre}
              </h3>
              {p.rapporteurId && <p>Rapporteur : {d.nom(p.rapporteurId)}</p>}
              {p.note && <p class="pre-line">{p.note}</p>}
              {docs.length > 0 && (
                <ul>
                  {docs.map((doc) => (
                    <li key={doc.id}>
                      <a href={`/conseil/convocation/${token}/documents/${doc.id}`}>{doc.titre}</a> (PDF,{' '}
                      {formatSize(doc.size)})
                    </li>
                  ))}
                </ul>
              )}
            </section>
          );
        })}
      </div>
    </PublicLayout>
  );
}
