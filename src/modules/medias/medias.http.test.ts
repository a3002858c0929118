import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import sharp from 'sharp';
import { buildTestApp, TEST_ACCOUNTS, TEST_PASSWORD, type TestApp } from '../../../tests/helpers/app.js';
import { describeEachEngine } from '../../../tests/helpers/db.js';
import { InjectClient } from '../../../tests/helpers/http.js';

/** A multipart body as a browser sends it. */
function multipart(fields: Record<string, string>, file?: { name: string; type: string; bytes: Buffer }) {
  const boundary = '----clocher-test-boundary';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="fichier"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

describeEachEngine('médiathèque', (engine) => {
  let t: TestApp;
  let agent: InjectClient;
  let photo: Buffer;

  before(async () => {
    t = await buildTestApp(engine);
    agent = new InjectClient(t.app);
    await agent.signIn(TEST_ACCOUNTS.secretaire, TEST_PASSWORD);
    // A 1400 px JPEG carrying a GPS position and a camera name in its EXIF data.
    photo = await sharp({ create: { width: 1400, height: 900, channels: 3, background: '#3a7' } })
      .jpeg()
      .withExif({
        IFD0: { Make: 'Appareil', Model: 'Secret' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '50/1 30/1 0/1' },
      })
      .toBuffer();
    assert.ok((await sharp(photo).metadata()).exif, 'the fixture has EXIF data');
  });
  after(() => t.close());

  const upload = async (
    fields: Record<string, string>,
    file?: { name: string; type: string; bytes: Buffer },
    withToken = true,
  ) => {
    await agent.get('/admin/medias');
    const body = multipart({ ...(withToken && agent.csrf ? { _csrf: agent.csrf } : {}), ...fields }, file);
    return t.app.inject({
      method: 'POST',
      url: '/admin/medias',
      payload: body.payload,
      headers: {
        host: 'localhost',
        'content-type': body.contentType,
        cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    });
  };

  it('réencode une photo en tailles adaptées, sans ses métadonnées, et la sert au public', async () => {
    const res = await upload(
      { title: 'Place de l’Église', alt: 'La place sous le soleil' },
      { name: 'photo.jpg', type: 'image/jpeg', bytes: photo },
    );
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    const media = await t.db.selectFrom('media').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.equal(media.kind, 'image');
    assert.equal(media.width, 1400);
    const widths = (JSON.parse(media.files) as { width: number }[]).map((f) => f.width);
    assert.deepEqual(widths, [320, 640, 1024, 1400]);
    const served = await t.app.inject({ url: `/medias/${media.id}/640.webp`, headers: { host: 'localhost' } });
    assert.equal(served.statusCode, 200);
    assert.equal(served.headers['content-type'], 'image/webp');
    const meta = await sharp(served.rawPayload).metadata();
    assert.equal(meta.width, 640);
    assert.equal(meta.exif, undefined, 'no EXIF (GPS, camera) left');
    assert.equal(
      (await t.app.inject({ url: `/medias/${media.id}/641.webp`, headers: { host: 'localhost' } })).statusCode,
      404,
    );
  });

  it('exige un texte alternatif, sauf pour une image décorative', async () => {
    const missing = await upload({ title: '', alt: '' }, { name: 'x.jpg', type: 'image/jpeg', bytes: photo });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /texte alternatif/);
    const decorative = await upload({ alt: '', decorative: 'on' }, { name: 'x.jpg', type: 'image/jpeg', bytes: photo });
    assert.equal(decorative.statusCode, 303);
  });

  it('refuse un programme déguisé en image et nomme les formats acceptés', async () => {
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(2000, 1)]);
    const res = await upload({ alt: 'x' }, { name: 'photo.jpg', type: 'image/jpeg', bytes: exe });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /ne correspond à aucun format accepté/);
    assert.match(res.body, /JPEG, PNG, WebP ou PDF/);
  });

  it('refuse un fichier trop volumineux avec un message clair', async () => {
    const big = Buffer.alloc(21 * 1024 * 1024, 7);
    const res = await upload({ alt: 'x' }, { name: 'gros.pdf', type: 'application/pdf', bytes: big });
    assert.equal(res.statusCode, 413);
    assert.match(res.body, /trop volumineux/);
  });

  it('accepte un PDF et le sert à une adresse stable', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const res = await upload({ title: 'Compte rendu' }, { name: 'cr.pdf', type: 'application/pdf', bytes: pdf });
    assert.equal(res.statusCode, 303);
    const media = await t.db.selectFrom('media').select('id').where('kind', '=', 'document').executeTakeFirstOrThrow();
    const served = await t.app.inject({ url: `/medias/${media.id}/document.pdf`, headers: { host: 'localhost' } });
    assert.equal(served.statusCode, 200);
    assert.equal(served.headers['content-type'], 'application/pdf');
  });

  it('refuse un envoi sans jeton anti-falsification', async () => {
    const res = await upload({ alt: 'x' }, { name: 'x.jpg', type: 'image/jpeg', bytes: photo }, false);
    assert.equal(res.statusCode, 403);
  });

  it('reçoit les images de l’éditeur et répond leur adresse', async () => {
    await agent.get('/admin/medias');
    const res = await t.app.inject({
      method: 'POST',
      url: '/admin/medias/editeur',
      payload: photo,
      headers: {
        host: 'localhost',
        'content-type': 'image/jpeg',
        'x-csrf-token': agent.csrf ?? '',
        'x-filename': 'colle.jpg',
        cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(res.json().location, /^\/medias\/\d+\/1024\.webp$/);
  });

  it('ne sert pas les fichiers d’une commune à une autre', async () => {
    const media = await t.db.selectFrom('media').select('id').executeTakeFirstOrThrow();
    await t.db
      .insertInto('commune')
      .values({
        slug: 'autre',
        insee: '62003',
        nom: 'Autre',
        population: 1,
        departement: '62',
        created_at: '',
        updated_at: '',
      })
      .execute();
    const other = await t.db.selectFrom('commune').select('id').where('slug', '=', 'autre').executeTakeFirstOrThrow();
    await t.db.insertInto('commune_host').values({ host: 'autre.example', commune_id: other.id }).execute();
    const res = await t.app.inject({ url: `/medias/${media.id}/320.webp`, headers: { host: 'autre.example' } });
    assert.equal(res.statusCode, 404);
  });
});
