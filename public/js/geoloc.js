// « Utiliser ma position » for the démarche forms that ask for a place (signalement). Progressive
// enhancement: without JavaScript or without permission, the citizen types the place. The position
// is written into the field as coordinates; nothing is sent to a third party (no map, no tiles).
(() => {
  const form = document.querySelector('form[data-geoloc]');
  if (!form || !('geolocation' in navigator)) return;
  const field = form.querySelector(`#champ-${form.getAttribute('data-geoloc')}`);
  if (!field) return;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'button button--ghost button--small demarche-geoloc';
  button.textContent = 'Utiliser ma position';
  const status = document.createElement('p');
  status.className = 'field__hint';
  status.setAttribute('role', 'status');
  field.insertAdjacentElement('afterend', status);
  field.insertAdjacentElement('afterend', button);
  button.addEventListener('click', () => {
    status.textContent = 'Recherche de votre position…';
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        const { latitude, longitude, accuracy } = pos.coords;
        const line = `Position GPS : ${latitude.toFixed(6)}, ${longitude.toFixed(6)} (précision ± ${Math.round(accuracy)} m)`;
        field.value = field.value.trim() === '' ? line : `${field.value.trim()}\n${line}`;
        status.textContent = 'Votre position a été ajoutée au champ.';
      },
      () => {
        status.textContent = 'Votre position n’est pas disponible : décrivez l’endroit dans le champ.';
      },
      { enableHighAccuracy: true, timeout: 15000 },
    );
  });
})();
