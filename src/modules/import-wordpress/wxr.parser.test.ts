import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { LinkMap } from './import-wordpress.links.js';
import {
  autoParagraphs,
  originalUpload,
  placePages,
  rewriteLinks,
  uploadsPath,
  urlKey,
} from './import-wordpress.rules.js';
import { zipKey } from './uploads-source.js';
import { parseWxr, WxrError } from './wxr.parser.js';

const FIXTURE = fs.readFileSync(new URL('../../../tests/fixtures/wordpress/export.xml', import.meta.url), 'utf8');

describe('import WordPress : lecture de l’export (WXR)', () => {
  it('lit les articles, les pages et les fichiers joints avec leurs champs WordPress', () => {
    const wxr = parseWxr(FIXTURE);
    assert.equal(wxr.siteUrl, 'https://ancien.bellerive.example');
    const count = (t: string) => wxr.items.filter((i) => i.type === t).length;
    assert.deepEqual([count('post'), count('page'), count('attachment')], [3, 3, 4]);
    const fete = wxr.items.find((i) => i.id === 20);
    assert.equal(fete?.title, 'Fête du village : un beau succès');
    assert.equal(fete?.status, 'publish');
    assert.equal(fete?.date?.toISOString(), '2025-03-10T08:30:00.000Z');
    assert.equal(fete?.meta._thumbnail_id, '10');
    assert.match(fete?.contentHtml ?? '', /eglise-300x200\.jpg/);
    assert.equal(wxr.items.find((i) => i.id === 21)?.slug, 'marché-de-printemps');
    const draft = wxr.items.find((i) => i.id === 22);
    assert.equal(draft?.status, 'draft');
    assert.equal(draft?.date?.toISOString(), '2025-03-20T11:00:00.000Z');
    assert.equal(wxr.items.find((i) => i.id === 32)?.parentId, 31);
    assert.equal(
      wxr.items.find((i) => i.id === 10)?.meta._wp_attachment_image_alt,
      'L’église Saint-Martin sous un ciel de printemps',
    );
  });

  it('refuse un fichier qui n’est pas un export WordPress', () => {
    assert.throws(() => parseWxr('<html><body>bonjour</body></html>'), WxrError);
    assert.throws(() => parseWxr('pas du XML <<<'), WxrError);
  });

  it('retrouve le chemin d’un fichier dans uploads, et l’original d’une copie redimensionnée', () => {
    assert.equal(uploadsPath('https://x.fr/wp-content/uploads/2025/03/a%20b.jpg?v=2'), '2025/03/a b.jpg');
    assert.equal(uploadsPath('https://x.fr/wp-content/uploads/../../etc/passwd'), null);
    assert.equal(uploadsPath('https://x.fr/la-mairie/'), null);
    assert.deepEqual(originalUpload('2025/03/eglise-300x200.jpg'), { path: '2025/03/eglise.jpg', width: 300 });
    assert.deepEqual(originalUpload('2025/03/photo-scaled.jpg'), { path: '2025/03/photo.jpg', width: null });
    assert.equal(zipKey('site/wp-content/uploads/2025/03/eglise.jpg'), '2025/03/eglise.jpg');
    assert.equal(zipKey('2025/03/eglise.jpg'), '2025/03/eglise.jpg');
    assert.equal(zipKey('../evil.jpg'), null);
  });

  it('reconnaît une même page sous ses différentes adresses', () => {
    const site = 'https://ancien.example';
    assert.equal(
      urlKey('http://www.ancien.example/la-mairie/', site),
      urlKey('https://ancien.example/la-mairie', site),
    );
    assert.equal(urlKey('/?p=20', site), 'ancien.example?id=20');
    assert.equal(urlKey('mailto:mairie@example.fr', site), null);
  });

  it('place les pages parents d’abord et limite la profondeur à trois niveaux', () => {
    const page = (id: number, parentId: number) => ({
      ...parseWxr(FIXTURE).items[0]!,
      id,
      parentId,
      type: 'page' as const,
    });
    const placed = placePages([page(4, 3), page(3, 2), page(2, 1), page(1, 0), page(9, 77)]);
    assert.deepEqual(
      placed.map((p) => [p.item.id, p.parentWpId, p.depth]),
      [
        [1, null, 1],
        [9, null, 1],
        [2, 1, 2],
        [3, 2, 3],
        [4, 2, 3],
      ],
    );
    assert.equal(placed.find((p) => p.item.id === 4)?.movedUp, true);
    assert.equal(placed.find((p) => p.item.id === 9)?.orphan, true);
  });

  it('ajoute les paragraphes d’un contenu classique et retire les commentaires de blocs', () => {
    assert.equal(autoParagraphs('Un\ndeux\n\nTrois'), '<p>Un<br>deux</p>\n<p>Trois</p>');
    assert.equal(autoParagraphs('<!-- wp:paragraph --><p>Déjà</p><!-- /wp:paragraph -->'), '<p>Déjà</p>');
  });

  it('réécrit les liens et les images vers les nouvelles adresses et retire srcset', () => {
    const html =
      '<a href="https://old/a/">A</a> <img src=\'https://old/wp-content/uploads/x.jpg\' srcset="y 2x"> <a href="#haut">haut</a>';
    const out = rewriteLinks(html, (url) => (url.startsWith('https://old') ? '/nouveau' : null));
    assert.equal(out, '<a href="/nouveau">A</a> <img src="/nouveau"> <a href="#haut">haut</a>');
  });

  it('donne aux liens vers les fichiers importés l’adresse de la médiathèque', () => {
    const image = { id: 7, kind: 'image', files: [320, 480].map((w) => ({ sha256: 'x', size: 1, width: w })) };
    const pdf = { id: 8, kind: 'document', files: [{ sha256: 'y', size: 1 }] };
    const links = new LinkMap('https://old', {
      byPath: new Map([
        ['2025/03/eglise.jpg', image],
        ['2025/03/doc.pdf', pdf],
      ]) as never,
      byWpId: new Map(),
    });
    assert.equal(
      links.resolve('https://old/wp-content/uploads/2025/03/eglise-300x200.jpg', 'src'),
      '/medias/7/320.webp',
    );
    assert.equal(links.resolve('https://old/wp-content/uploads/2025/03/eglise.jpg', 'href'), '/medias/7/480.webp');
    assert.equal(links.resolve('https://old/wp-content/uploads/2025/03/doc.pdf', 'href'), '/medias/8/document.pdf');
    assert.equal(links.resolve('https://old/wp-content/uploads/absent.jpg', 'src'), null);
    assert.equal(links.resolve('https://ailleurs.fr/page', 'href'), null);
  });
});
