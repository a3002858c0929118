import { AdminLayout, type AdminShell } from '../../../ui/admin-layout.js';
import type { Errors } from '../../../ui/form.js';
import type { DemarcheType } from '../demarches.repo.js';
import type { FormValues } from './fields.js';
import { DemarcheForm } from './public.page.js';

/** /admin/demandes/guichet: an agent records a request received at the counter or by post. */
export function GuichetPage(v: {
  shell: AdminShell;
  types: DemarcheType[];
  type: DemarcheType;
  values?: FormValues;
  errors?: Errors;
}) {
  return (
    <AdminLayout shell={v.shell} title="Enregistrer une demande">
      <p>
        <a href="/admin/demandes">← Toutes les demandes</a>
      </p>
      <h1>Enregistrer une demande reçue au guichet ou par courrier</h1>
      <nav aria-label="Choisir la démarche">
        <ul class="demandes-counts">
          {v.types.map((t) => (
            <li key={t.slug}>
              <a
                href={`/admin/demandes/guichet?type=${t.slug}`}
                aria-current={t.slug === v.type.slug ? 'page' : undefined}
              >
                {t.title}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <h2>{v.type.title}</h2>
      <DemarcheForm
        csrfToken={v.shell.csrfToken}
        type={v.type}
        values={v.values}
        errors={v.errors}
        path={`/admin/demandes/guichet/${v.type.slug}`}
        submitLabel="Enregistrer la demande"
      />
    </AdminLayout>
  );
}
