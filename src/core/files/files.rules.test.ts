import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cleanFileName, describeFormats, formatProblem, formatSize, sizeProblem } from './files.rules.js';

const rules = { allowed: ['application/pdf', 'image/jpeg', 'image/png'], maxBytes: 5 * 1024 * 1024 };

describe('files.rules', () => {
  it('nomme les formats acceptés comme l’usager les connaît', () => {
    assert.equal(describeFormats(['application/pdf']), 'PDF');
    assert.equal(describeFormats(['image/jpeg', 'image/png']), 'JPEG ou PNG');
    assert.equal(describeFormats(rules.allowed), 'PDF, JPEG ou PNG');
    assert.equal(describeFormats(['application/x-inconnu']), 'application/x-inconnu');
  });

  it('écrit les tailles en unités françaises', () => {
    assert.equal(formatSize(5 * 1024 * 1024), '5 Mo');
    assert.equal(formatSize(1.5 * 1024 * 1024), '1,5 Mo');
    assert.equal(formatSize(500 * 1024), '500 ko');
    assert.equal(formatSize(12), '12 octets');
  });

  it('refuse un fichier vide ou trop lourd en rappelant la limite', () => {
    assert.equal(sizeProblem(0, rules), 'Le fichier est vide.');
    assert.equal(sizeProblem(1000, rules), null);
    assert.equal(
      sizeProblem(6 * 1024 * 1024, rules),
      'Le fichier est trop volumineux (6 Mo). Formats acceptés : PDF, JPEG ou PNG, 5 Mo au maximum.',
    );
  });

  it('refuse un format non accepté en nommant les formats acceptés', () => {
    assert.equal(formatProblem('image/png', rules), null);
    assert.match(formatProblem('image/gif', rules) ?? '', /Formats acceptés : PDF, JPEG ou PNG, 5 Mo au maximum\./);
  });

  it('garde du nom envoyé le dernier segment, sans caractère de contrôle', () => {
    assert.equal(cleanFileName('C:\\Users\\Mairie\\plan du bourg.pdf'), 'plan du bourg.pdf');
    assert.equal(cleanFileName('../../etc/passwd'), 'passwd');
    assert.equal(cleanFileName('fac\u0000ture\n.pdf'), 'facture.pdf');
    assert.equal(cleanFileName('..'), 'fichier');
    assert.equal(cleanFileName(''), 'fichier');
    assert.equal(cleanFileName(`${'a'.repeat(300)}.pdf`).length, 200);
  });
});
