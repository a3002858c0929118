import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isMediaUrl, PAGE_SIZE, pageCount, parsePageNumber, summaryOf } from './actualites.rules.js';
import { formatDay } from './views/actualites.page.js';

describe('pages de la liste des actualités', () => {
  it('lit un numéro de page bien formé', () => {
    assert.equal(parsePageNumber(undefined), 1);
    assert.equal(parsePageNumber('1'), 1);
    assert.equal(parsePageNumber('12'), 12);
  });

  it('refuse un numéro de page mal formé', () => {
    for (const bad of ['', '0', '-1', '01', '1.5', '1e3', 'abc', ' 2', '2 ', '9999999', ['1', '2']]) {
      assert.equal(parsePageNumber(bad), null, String(bad));
    }
  });

  it('compte les pages, au moins une', () => {
    assert.equal(pageCount(0), 1);
    assert.equal(pageCount(PAGE_SIZE), 1);
    assert.equal(pageCount(PAGE_SIZE + 1), 2);
    assert.equal(pageCount(25, 10), 3);
  });
});

describe('image d’une actualité', () => {
  it('accepte une image de la médiathèque de la commune', () => {
    assert.ok(isMediaUrl('/medias/2026/11/repas-des-aines.webp'));
    assert.ok(isMediaUrl('/medias/abc123'));
  });

  it('refuse toute autre adresse', () => {
    for (const bad of [
      'https://exemple.fr/a.png',
      '//exemple.fr/a.png',
      '/medias/',
      '/medias//x.png',
      '/medias/../admin',
      '/static/img/blason.svg',
      'javascript:alert(1)',
      '/medias/a.png" onerror="x',
      '/medias/a b.png',
      'medias/a.png',
    ]) {
      assert.equal(isMediaUrl(bad), false, bad);
    }
  });
});

describe('résumé d’une actualité', () => {
  it('prend le chapô, ou à défaut le début du texte sans balise', () => {
    assert.equal(summaryOf({ chapo: 'Le chapô.', bodyHtml: '<p>Texte</p>' }), 'Le chapô.');
    assert.equal(
      summaryOf({ chapo: '', bodyHtml: '<p>Premier <strong>paragraphe</strong>.</p><p>Second.</p>' }),
      'Premier paragraphe. Second.',
    );
    const long = summaryOf({ chapo: '', bodyHtml: `<p>${'mot '.repeat(100)}</p>` }, 50);
    assert.ok(long.length <= 51 && long.endsWith('…'));
  });
});

describe('date d’une actualité', () => {
  it('écrit le jour de Paris, le premier du mois à la française', () => {
    assert.equal(formatDay('2026-11-12T09:00:00.000Z'), '12 novembre 2026');
    assert.equal(formatDay('2026-12-01T09:00:00.000Z'), '1er décembre 2026');
    // 23 h 30 UTC le 30 novembre : déjà le 1er décembre à Paris.
    assert.equal(formatDay('2026-11-30T23:30:00.000Z'), '1er décembre 2026');
    assert.equal(formatDay('2026-12-11T09:00:00.000Z'), '11 décembre 2026');
  });
});
