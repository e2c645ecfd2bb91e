// Signing in and out. The tokens go to the shared Api, which keeps them in localStorage and
// refreshes them quietly; they never appear in a URL.
import { byId } from '/shared/dom.js';

/** Shows the sign-in form; `onSignedIn` runs once the credentials are stored. */
export function showSignIn(api, t, onSignedIn) {
  byId('console-view').hidden = true;
  byId('signin-view').hidden = false;
  const form = byId('signin-form');
  const error = byId('signin-error');
  const button = byId('signin-button');
  byId('signin-email').focus();
  form.addEventListener('submit', async (submit) => {
    submit.preventDefault();
    const email = byId('signin-email').value.trim();
    const password = byId('signin-password').value;
    if (!email || !password) {
      error.textContent = t('signin.missing');
      return;
    }
    error.textContent = '';
    button.disabled = true;
    try {
      const answer = await api.post('/v1/auth/login', { email, password }, { auth: false });
      api.setCredentials(answer);
      byId('signin-password').value = '';
      await onSignedIn();
    } catch (failure) {
      error.textContent = failure.status === 401 ? t('signin.wrong')
        : failure.status === 429 ? t('signin.tooMany') : t('error.generic', { message: failure.message });
    } finally {
      button.disabled = false;
    }
  });
}

/** Leaves the console's content as the page's one main landmark. */
export function hideSignIn() {
  byId('signin-view').remove();
  byId('console-view').hidden = false;
  byId('main').setAttribute('role', 'main');
}

/** The sign-out button: revokes the session on the server, then forgets it here. */
export function wireSignOut(api) {
  byId('signout').addEventListener('click', async () => {
    try {
      await api.post('/v1/auth/logout');
    } catch {
      // Already revoked or unreachable: forgetting it here is what matters.
    }
    api.signOut();
  });
}
