import { Notice } from '../../../ui/form.js';
import { PublicLayout, type PublicShell } from '../../../ui/public-layout.js';
import type { Draft } from '../builder.repo.js';
import { IDENTITY_FIELDS } from '../demarches.service.js';
import { FormField } from './fields.js';

/**
 * /admin/demarches/:id/apercu: the draft form as a citizen will see it, drawn by the same field
 * components, in no <form> element: nothing can be sent from here.
 */
export function ApercuPage(v: { shell: PublicShell; id: number; draft: Draft }) {
  const { draft } = v;
  return (
    <PublicLayout shell={v.shell} title={`Aperçu : ${draft.title}`}>
      <div class="container prose">
        <Notice kind="info">
          <p>
            Aperçu du brouillon : ce formulaire ne peut pas être envoyé.{' '}
            <a href={`/admin/demarches/${v.id}`}>Retour à la démarche</a>
          </p>
        </Notice>
        <h1>{draft.title}</h1>
        <p class="lead">{draft.summary}</p>
        <p class="small muted">Les champs marqués « obligatoire » doivent être remplis.</p>
        <div class="card demarche-form">
          <h2 class="demarche-section">La demande</h2>
          {draft.form.map((f) => (
            <FormField key={f.name} field={f} all={draft.form} values={{}} errors={{}} />
          ))}
          <h2 class="demarche-section">Coordonnées du demandeur</h2>
          {IDENTITY_FIELDS.map((f) => (
            <FormField key={f.name} field={f} all={IDENTITY_FIELDS} values={{}} errors={{}} />
          ))}
          <p class="small">
            Ces données servent uniquement à traiter cette demande et sont conservées {draft.settings.conservationMois}{' '}
            mois.
          </p>
        </div>
      </div>
    </PublicLayout>
  );
}
