/** The dashboard's block of the démarches: overdue requests and those due soon, at a glance. */
export function DemandesDueBlock(v: { overdue: number; soon: number; days: number }) {
  const plural = (n: number, one: string, many: string) => (n > 1 ? many : one);
  return (
    <section aria-labelledby="demandes-echeances" class="card">
      <h2 id="demandes-echeances">Demandes à surveiller</h2>
      <ul class="link-list">
        <li>
          <a href={'/admin/demandes?retard=1&tri=echeance'}>
            <strong>{v.overdue}</strong> {plural(v.overdue, 'demande en retard', 'demandes en retard')}
          </a>{' '}
          (date de décision implicite dépassée)
        </li>
        <li>
          <a href={'/admin/demandes?retard=proche&tri=echeance'}>
            <strong>{v.soon}</strong> {plural(v.soon, 'demande arrive', 'demandes arrivent')} à la date de décision
            implicite dans les {v.days} jours ouvrés
          </a>
        </li>
      </ul>
    </section>
  );
}
