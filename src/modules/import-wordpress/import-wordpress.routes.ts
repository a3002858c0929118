import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAppError } from '../../core/errors.js';
import { MULTIPART_ROUTE, readMultipartForm } from '../../core/http/multipart.js';
import { sendPage } from '../../core/http/render.js';
import { type BackofficeAccess, requireBackoffice } from '../../core/http/request-context.js';
import { adminShell } from '../../core/http/shells.js';
import { IMPORT_FORM_FILES, MAX_IMPORT_FILE_BYTES } from './import-form.js';
import type { ImportReport } from './import-wordpress.report.js';
import { assertCanImportWordpress, importWordpress } from './import-wordpress.service.js';
import { noUploads, type UploadsSource, uploadsFromZip } from './uploads-source.js';
import { ImportWordpressPage } from './views/import-wordpress.page.js';

const PATH = '/admin/import-wordpress';
const TOO_LARGE = `Le fichier est trop volumineux : ${MAX_IMPORT_FILE_BYTES / 1024 / 1024} Mo au plus. Pour un site plus gros, demandez à l’hébergeur de la plateforme de lancer l’import en ligne de commande.`;
const NOT_ZIP =
  'Cette archive n’est pas un fichier ZIP lisible : envoyez le dossier wp-content/uploads compressé en ZIP.';

/** The back-office form that imports a WordPress export and shows what it did. */
export async function importWordpressRoutes(app: FastifyInstance): Promise<void> {
  const gate = async (req: FastifyRequest) => {
    const access = await requireBackoffice(req);
    assertCanImportWordpress(access.actor);
    return access;
  };
  const render = (
    req: FastifyRequest,
    reply: FastifyReply,
    access: BackofficeAccess,
    view: { errors?: Record<string, string>; report?: ImportReport },
    status = 200,
  ) => sendPage(reply, ImportWordpressPage({ shell: adminShell(req, reply, access), ...view }), status);

  app.get(PATH, async (req, reply) => render(req, reply, await gate(req), {}));

  app.post(PATH, MULTIPART_ROUTE, async (req, reply) => {
    const access = await gate(req);
    const form = await readMultipartForm(req, reply, MAX_IMPORT_FILE_BYTES, { maxFiles: IMPORT_FORM_FILES });
    const fail = (errors: Record<string, string>, status = 400) => render(req, reply, access, { errors }, status);
    if (form.fileTooLarge) return fail({ [form.tooLargeField === 'uploads' ? 'uploads' : 'wxr']: TOO_LARGE }, 413);
    const wxr = form.files.wxr;
    if (!wxr) return fail({ wxr: 'Choisissez le fichier d’export WordPress (XML).' });
    let uploads: UploadsSource = noUploads;
    if (form.files.uploads) {
      try {
        uploads = await uploadsFromZip(form.files.uploads.bytes);
      } catch {
        return fail({ uploads: NOT_ZIP });
      }
    }
    try {
      const report = await importWordpress(
        { ...access.ctx, files: app.deps.files },
        { xml: wxr.bytes.toString('utf8'), uploads },
      );
      return render(req, reply, access, { report });
    } catch (error) {
      if (isAppError(error, 'Invalid')) return fail(error.fields);
      throw error;
    } finally {
      uploads.close();
    }
  });
}
