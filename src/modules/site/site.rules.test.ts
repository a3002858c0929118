import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openingToday, parisWeekday, parseBody, weekHours } from './site.rules.js';

const info = {
  horaires: {
    '1': [
      { opens: '08:30', closes: '12:00' },
      { opens: '14:00', closes: '17:30' },
    ],
    '6': [{ opens: '09:00', closes: '11:30' }],
  },
};

describe('horaires de la mairie', () => {
  it('donne le jour de la semaine à l’heure de Paris', () => {
    // Sunday 23:30 UTC is already Monday 00:30 in Paris (winter time).
    assert.equal(parisWeekday(new Date('2026-11-29T23:30:00Z')), 1);
    assert.equal(parisWeekday(new Date('2026-11-28T10:00:00Z')), 6);
    const intl = new Intl.DateTimeFormat('en-GB', { weekday: 'short', timeZone: 'Europe/Paris' });
    const start = Date.parse('2026-01-01T00:00:00Z');
    for (let t = start; t < start + 2 * 366 * 86_400_000; t += 47 * 60_000) {
      const name = intl.format(new Date(t));
      assert.equal(parisWeekday(new Date(t)), ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(name) + 1);
    }
  });

  it('dit si la mairie est ouverte aujourd’hui', () => {
    assert.deepEqual(openingToday(info, new Date('2026-11-30T09:00:00Z')), {
      open: true,
      text: 'La mairie est ouverte aujourd’hui de 8 h 30 à 12 h et de 14 h à 17 h 30.',
    });
    assert.equal(openingToday(info, new Date('2026-12-01T09:00:00Z')).open, false);
    assert.equal(openingToday({}, new Date()).text, 'La mairie est fermée aujourd’hui.');
  });

  it('annonce une fermeture exceptionnelle', () => {
    const closed = { ...info, fermetures: [{ du: '2026-11-30', au: '2026-11-30', motif: 'formation' }] };
    assert.deepEqual(openingToday(closed, new Date('2026-11-30T09:00:00Z')), {
      open: false,
      text: 'La mairie est fermée aujourd’hui (formation).',
    });
  });

  it('liste la semaine du lundi au dimanche', () => {
    const week = weekHours(info);
    assert.equal(week.length, 7);
    assert.equal(week[0]?.day, 'lundi');
    assert.equal(week[6]?.text, 'fermé');
  });
});

describe('texte des pages', () => {
  it('reconnaît un intertitre suivi de son paragraphe sans ligne vide', () => {
    assert.deepEqual(parseBody('## Titre\nTexte.\n- a\nSuite'), [
      { kind: 'h2', text: 'Titre' },
      { kind: 'p', text: 'Texte.' },
      { kind: 'ul', items: ['a'] },
      { kind: 'p', text: 'Suite' },
    ]);
  });

  it('découpe paragraphes, intertitres et listes', () => {
    assert.deepEqual(parseBody('Premier\nparagraphe.\n\n## Titre\n\n- un\n- deux\n\n<script>x</script>'), [
      { kind: 'p', text: 'Premier paragraphe.' },
      { kind: 'h2', text: 'Titre' },
      { kind: 'ul', items: ['un', 'deux'] },
      { kind: 'p', text: '<script>x</script>' },
    ]);
  });
});
