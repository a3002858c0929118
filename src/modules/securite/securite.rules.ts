/**
 * What a small commune should have in place (after ANSSI's and cybermalveillance.gouv.fr's guidance
 * for local authorities), in plain words: why it matters and what to do.
 */
export interface ChecklistItem {
  key: string;
  title: string;
  why: string;
  todo: string;
}

export const CHECKLIST: ChecklistItem[] = [
  {
    key: 'sauvegardes-hors-ligne',
    title: 'Une sauvegarde hors ligne des fichiers de la mairie',
    why: 'Un rançongiciel chiffre aussi les sauvegardes branchées en permanence : seule une copie débranchée permet de repartir.',
    todo: 'Copiez chaque semaine les dossiers de la mairie sur un disque externe que vous débranchez ensuite et rangez à part. Essayez une restauration de temps en temps.',
  },
  {
    key: 'mises-a-jour',
    title: 'Les ordinateurs et logiciels sont à jour',
    why: 'La plupart des attaques exploitent des failles connues, déjà corrigées par les mises à jour.',
    todo: 'Laissez Windows (ou macOS) et le navigateur se mettre à jour automatiquement ; remplacez les postes qui ne reçoivent plus de mises à jour.',
  },
  {
    key: 'antivirus',
    title: 'Un antivirus capable d’arrêter un rançongiciel sur chaque ordinateur',
    why: 'Il bloque les pièces jointes et les programmes malveillants avant qu’ils ne chiffrent les fichiers.',
    todo: 'Vérifiez que la protection intégrée (Microsoft Defender) ou l’antivirus fourni par votre prestataire est actif et à jour sur tous les postes.',
  },
  {
    key: 'procedure-incident',
    title: 'Une procédure en cas d’incident, affichée, avec qui appeler',
    why: 'Les premières minutes comptent : débrancher le poste du réseau et prévenir les bonnes personnes limite les dégâts.',
    todo: 'Affichez près des postes : débrancher le câble réseau, ne pas éteindre, prévenir le maire, appeler le prestataire informatique, signaler sur cybermalveillance.gouv.fr et porter plainte.',
  },
  {
    key: 'mots-de-passe',
    title: 'Des mots de passe uniques et la double authentification',
    why: 'Un mot de passe réutilisé et volé ailleurs ouvre la messagerie et les logiciels de la mairie.',
    todo: 'Un mot de passe différent par service, rangé dans un gestionnaire de mots de passe ; activez la double authentification ici (« Mon compte ») et sur la messagerie.',
  },
  {
    key: 'sensibilisation',
    title: 'Agents et élus sensibilisés à l’hameçonnage',
    why: 'Un faux courriel (fausse facture, faux colis, faux message du maire) est la porte d’entrée la plus fréquente.',
    todo: 'Prenez 30 minutes en équipe avec les fiches de cybermalveillance.gouv.fr ; en cas de doute sur un courriel, ne cliquez pas et demandez.',
  },
];

export const DORMANT_DAYS = 90;

export interface Indicators {
  accounts: number;
  withSecondFactor: number;
  dormant: number;
  administrators: number;
  https: boolean;
  /** When the platform's last backup was restored and checked successfully (null: never). */
  lastVerifiedBackup?: string | null;
}

/** The level of each indicator, for a sober colour code backed by words. */
export function assessment(i: Indicators): { key: string; ok: boolean; text: string }[] {
  const share = i.accounts === 0 ? 0 : Math.round((100 * i.withSecondFactor) / i.accounts);
  return [
    {
      key: 'mfa',
      ok: i.accounts > 0 && i.withSecondFactor === i.accounts,
      text: `${i.withSecondFactor} compte${i.withSecondFactor > 1 ? 's' : ''} sur ${i.accounts} (${share} %) ont activé la double authentification.`,
    },
    {
      key: 'dormant',
      ok: i.dormant === 0,
      text:
        i.dormant === 0
          ? `Aucun compte inutilisé depuis plus de ${DORMANT_DAYS} jours.`
          : `${i.dormant} compte${i.dormant > 1 ? 's' : ''} sans connexion depuis plus de ${DORMANT_DAYS} jours : désactivez ceux qui ne servent plus.`,
    },
    {
      key: 'admins',
      ok: i.administrators >= 1 && i.administrators <= 3,
      text: `${i.administrators} administrateur${i.administrators > 1 ? 's' : ''} : ${i.administrators > 3 ? 'réservez ce rôle à deux ou trois personnes.' : 'le bon nombre.'}`,
    },
    {
      key: 'https',
      ok: i.https,
      text: i.https
        ? 'Le site est servi en HTTPS : les échanges sont chiffrés.'
        : 'Le site n’est pas servi en HTTPS : demandez à l’hébergeur de l’activer.',
    },
    ...(i.lastVerifiedBackup === undefined ? [] : [backupItem(i.lastVerifiedBackup)]),
  ];
}

/** The last verified backup (a trial restore that succeeded), shown with its date. */
function backupItem(at: string | null): { key: string; ok: boolean; text: string } {
  if (at === null) {
    return { key: 'sauvegardes', ok: false, text: 'Aucune sauvegarde de la plateforme n’a encore été vérifiée.' };
  }
  const day = new Date(at).toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long' });
  return {
    key: 'sauvegardes',
    ok: true,
    text: `Dernière sauvegarde vérifiée par une restauration d’essai : le ${day}.`,
  };
}
