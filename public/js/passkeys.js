// Passkeys (WebAuthn) in the back-office: creating one from « Mon compte », and using one at the
// second step of the sign-in or to confirm a sensitive action. Progressive enhancement: the
// buttons stay hidden in a browser without WebAuthn (or without JavaScript), where the other
// means (authenticator app, password) remain. The ceremony itself is done by @simplewebauthn/browser.
(() => {
  const lib = window.SimpleWebAuthnBrowser;
  const buttons = document.querySelectorAll('[data-passkey]');
  if (!lib || !lib.browserSupportsWebAuthn() || buttons.length === 0) return;

  const post = async (url, csrf, body) => {
    const res = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, accept: 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
    const data = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(data.error || 'La clé d’accès n’a pas pu être utilisée.');
    return data;
  };

  for (const button of buttons) {
    const box = button.closest('[data-passkey-box]') ?? button.parentElement;
    const status = box.querySelector('[data-passkey-status]');
    const nameField = box.querySelector('[data-passkey-name]');
    box.hidden = false;
    button.addEventListener('click', async () => {
      const kind = button.getAttribute('data-passkey');
      const csrf = button.getAttribute('data-csrf');
      button.disabled = true;
      if (status) status.textContent = 'Suivez les instructions de votre navigateur…';
      try {
        const optionsJSON = await post(button.getAttribute('data-options-url'), csrf);
        const response =
          kind === 'register'
            ? await lib.startRegistration({ optionsJSON })
            : await lib.startAuthentication({ optionsJSON });
        const done = await post(button.getAttribute('data-verify-url'), csrf, {
          response,
          name: nameField ? nameField.value : undefined,
          retour: button.getAttribute('data-retour') || undefined,
        });
        if (status) status.textContent = 'C’est fait.';
        window.location.assign(done.redirect);
      } catch (error) {
        button.disabled = false;
        const cancelled = error && (error.name === 'NotAllowedError' || error.name === 'AbortError');
        if (status) {
          status.textContent = cancelled
            ? 'L’opération a été annulée ou a expiré. Vous pouvez réessayer.'
            : error.message || 'La clé d’accès n’a pas pu être utilisée.';
        }
      }
    });
  }
})();
