import { type Commune, conformityMention } from '../../../core/tenancy/index.js';
import { PublicLayout, type PublicShell } from '../../../ui/public-layout.js';
import type { PageNode } from '../site.service.js';
import { Breadcrumb } from './blocks.js';

function Contact({ commune }: { commune: Commune }) {
  const i = commune.info;
  return (
    <address>
      Mairie de {commune.nom}
      {i.adresse && <span class="block">{i.adresse}</span>}
      {i.codePostal && (
        <span class="block">
          {i.codePostal} {commune.nom}
        </span>
      )}
      {i.telephone && <span class="block">Téléphone : {i.telephone}</span>}
      {i.email && (
        <span class="block">
          Courriel : <a href={`mailto:${i.email}`}>{i.email}</a>
        </span>
      )}
    </address>
  );
}

function Frame({ shell, title, children }: { shell: PublicShell; title: string; children: preact.ComponentChildren }) {
  return (
    <PublicLayout shell={shell} title={title}>
      <div class="container prose">
        <Breadcrumb items={[{ href: '/', label: 'Accueil' }, { label: title }]} />
        <h1>{title}</h1>
        {children}
      </div>
    </PublicLayout>
  );
}

export function MentionsLegalesPage({ shell, commune }: { shell: PublicShell; commune: Commune }) {
  return (
    <Frame shell={shell} title="Mentions légales">
      <h2>Éditeur du site</h2>
      <Contact commune={commune} />
      {commune.siret && <p>SIRET : {commune.siret}</p>}
      <h2>Directeur de la publication</h2>
      <p>Le maire de {commune.nom}.</p>
      <h2>Hébergement</h2>
      <p>
        Le site est servi par la plateforme Clocher, logiciel libre sous licence AGPL-3.0-or-later, installée par la
        commune ou par l’intercommunalité qui l’héberge.
      </p>
      <h2>Réutilisation des contenus</h2>
      <p>
        Sauf mention contraire, les informations publiées sont réutilisables dans les conditions de la Licence Ouverte
        2.0, en citant leur source.
      </p>
    </Frame>
  );
}

function Paragraphs({ text, fallback }: { text: string | undefined; fallback: string }) {
  const blocks = (text ?? '')
    .split(/\n{2,}/)
    .map((t) => t.trim())
    .filter(Boolean);
  if (blocks.length === 0) return <p>{fallback}</p>;
  return (
    <>
      {blocks.map((b, i) => (
        <p key={i} class="pre-line">
          {b}
        </p>
      ))}
    </>
  );
}

export function AccessibilitePage({ shell, commune }: { shell: PublicShell; commune: Commune }) {
  const a = commune.info.accessibilite ?? {};
  const state = conformityMention(a);
  const audited = a.dateAudit !== undefined && a.tauxConformite !== undefined;
  return (
    <Frame shell={shell} title="Déclaration d’accessibilité">
      <p>
        La commune de {commune.nom} s’engage à rendre son site internet accessible conformément à l’article 47 de la loi
        n° 2005-102 du 11 février 2005.
      </p>
      <p>Cette déclaration d’accessibilité s’applique au site de la commune de {commune.nom}.</p>
      <h2>État de conformité</h2>
      <p>
        Le site de la commune de {commune.nom} est <strong>{state}</strong> avec le référentiel général d’amélioration
        de l’accessibilité (RGAA 4.1.2)
        {audited ? '.' : ' : aucun audit de conformité n’a encore été réalisé.'}
      </p>
      <h2>Résultats des tests</h2>
      {audited ? (
        <p>
          L’audit de conformité réalisé le {frenchDate(a.dateAudit ?? '')}
          {a.auditeur ? ` par ${a.auditeur}` : ''} révèle que {String(a.tauxConformite).replace('.', ',')} % des
          critères du RGAA 4.1.2 sont respectés.
        </p>
      ) : (
        <p>
          Aucun audit RGAA n’ayant été mené, aucun taux de conformité ne peut être publié. Les pages du site sont
          vérifiées automatiquement à chaque version du logiciel, ce qui ne remplace pas un audit.
        </p>
      )}
      <h2>Contenus non accessibles</h2>
      <h3>Non-conformités</h3>
      <Paragraphs text={a.nonConformites} fallback="La liste des non-conformités sera établie lors du premier audit." />
      <h3>Dérogations pour charge disproportionnée</h3>
      <Paragraphs text={a.derogations} fallback="Aucune dérogation n’est invoquée." />
      <h3>Contenus non soumis à l’obligation d’accessibilité</h3>
      <p>Les fichiers bureautiques publiés avant le 23 septembre 2018, sauf s’ils sont nécessaires à une démarche.</p>
      <h2>Établissement de cette déclaration</h2>
      <p>Technologies utilisées : HTML5, CSS. Le site fonctionne sans JavaScript.</p>
      <h2>Retour d’information et contact</h2>
      <p>
        Si vous n’arrivez pas à accéder à un contenu ou à un service, contactez la mairie pour être orienté vers une
        alternative accessible ou obtenir le contenu sous une autre forme :
      </p>
      <Contact commune={commune} />
      <h2>Voies de recours</h2>
      <p>
        Si vous avez signalé un défaut d’accessibilité qui vous empêche d’accéder à un contenu ou à un service et que
        vous n’avez pas obtenu de réponse satisfaisante, vous pouvez saisir le Défenseur des droits :
      </p>
      <ul>
        <li>par le formulaire en ligne du Défenseur des droits ;</li>
        <li>en contactant le délégué du Défenseur des droits dans votre région ;</li>
        <li>
          par courrier, gratuitement, sans timbre : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.
        </li>
      </ul>
      <h2>Schéma pluriannuel de mise en accessibilité</h2>
      <Paragraphs
        text={a.schemaPluriannuel}
        fallback="Le schéma pluriannuel sera publié sur cette page dès son adoption."
      />
      <h2>Plan d’action de l’année</h2>
      <Paragraphs
        text={a.planAction}
        fallback="Le plan d’action de l’année sera publié sur cette page dès son adoption."
      />
    </Frame>
  );
}

const FRENCH_DATE = new Intl.DateTimeFormat('fr-FR', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const frenchDate = (iso: string) => (iso ? FRENCH_DATE.format(new Date(`${iso}T00:00:00Z`)) : '');

export function DonneesPersonnellesPage({ shell, commune }: { shell: PublicShell; commune: Commune }) {
  return (
    <Frame shell={shell} title="Données personnelles">
      <p>
        La commune de {commune.nom} traite des données personnelles pour rendre les services publics dont elle a la
        charge, dans le respect du règlement général sur la protection des données (RGPD) et de la loi Informatique et
        Libertés.
      </p>
      <h2>Cookies et traceurs</h2>
      <p>
        Ce site ne dépose aucun cookie quand vous le consultez et n’utilise aucun outil de mesure d’audience, aucune
        police, aucun script ni aucun service d’un tiers. Seuls les formulaires déposent un cookie strictement
        nécessaire à leur sécurité (protection contre la falsification des envois), qui ne sert à rien d’autre.
      </p>
      <h2>Délégué à la protection des données</h2>
      <p class="pre-line">
        {commune.info.dpo ||
          'Le délégué à la protection des données de la commune peut être joint par l’intermédiaire de la mairie.'}
      </p>
      <h2>Vos droits</h2>
      <p>
        Vous pouvez accéder aux données qui vous concernent, les faire rectifier, demander leur effacement ou la
        limitation de leur traitement, et vous opposer à leur traitement lorsque la loi le permet. Pour exercer ces
        droits, contactez la mairie :
      </p>
      <Contact commune={commune} />
      <p>
        Si vous estimez, après nous avoir contactés, que vos droits ne sont pas respectés, vous pouvez adresser une
        réclamation à la CNIL.
      </p>
    </Frame>
  );
}

function Tree({ nodes }: { nodes: PageNode[] }) {
  return (
    <ul>
      {nodes.map((n) => (
        <li key={n.page.id}>
          <a href={`/${n.page.path}`}>{n.page.title}</a>
          {n.children.length > 0 && <Tree nodes={n.children} />}
        </li>
      ))}
    </ul>
  );
}

export function PlanDuSitePage({ shell, tree }: { shell: PublicShell; tree: PageNode[] }) {
  return (
    <Frame shell={shell} title="Plan du site">
      <ul>
        <li>
          <a href="/">Accueil</a>
        </li>
      </ul>
      <Tree nodes={tree} />
      <ul>
        <li>
          <a href="/mentions-legales">Mentions légales</a>
        </li>
        <li>
          <a href="/accessibilite">Accessibilité</a>
        </li>
        <li>
          <a href="/donnees-personnelles">Données personnelles</a>
        </li>
      </ul>
    </Frame>
  );
}
