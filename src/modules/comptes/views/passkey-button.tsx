import { assetUrl } from '../../../ui/assets.js';

/**
 * A passkey action, enhanced by public/js/passkeys.js: hidden until the script finds WebAuthn in the
 * browser, so that without it the page shows only what works.
 */
export function PasskeyButton(props: {
  kind: 'register' | 'sign-in' | 'reauth';
  label: string;
  csrfToken: string;
  optionsUrl: string;
  verifyUrl: string;
  retour?: string | undefined;
  withName?: boolean;
}) {
  return (
    <div class="passkey" data-passkey-box hidden>
      {props.withName && (
        <div class="field">
          <label class="field__label" for="champ-passkey-name">
            Nom de la clé (pour la reconnaître)
          </label>
          <p class="field__hint" id="aide-passkey-name">
            Par exemple : « Ordinateur de la mairie » ou « Téléphone ».
          </p>
          <input
            class="input"
            id="champ-passkey-name"
            name="passkey-name"
            type="text"
            maxLength={60}
            autocomplete="off"
            aria-describedby="aide-passkey-name"
            data-passkey-name
          />
        </div>
      )}
      <button
        type="button"
        class="button"
        data-passkey={props.kind}
        data-csrf={props.csrfToken}
        data-options-url={props.optionsUrl}
        data-verify-url={props.verifyUrl}
        data-retour={props.retour}
      >
        {props.label}
      </button>
      <p class="field__hint" role="status" data-passkey-status />
    </div>
  );
}

/** The scripts of a page holding a PasskeyButton, at its end. */
export function PasskeyScripts() {
  return (
    <>
      <script src="/static/vendor/simplewebauthn/index.umd.min.js" defer />
      <script src={assetUrl('js/passkeys.js')} defer />
    </>
  );
}
