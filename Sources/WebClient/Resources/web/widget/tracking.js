// Page views and presence: the first page a visitor opens creates it (`POST /v1/visitors`,
// which answers its tokens); every later page is a page view of that visitor; a heartbeat
// keeps it on the site while the page stays open, and tells whether the pre-chat form is open.

const HEARTBEAT_MS = 60_000;

const cut = (text, length) => (typeof text === 'string' && text ? text.slice(0, length) : null);

function pageView(page) {
  return { url: cut(page.url, 2048) || location.href, title: cut(page.title, 500), referrer: cut(page.referrer, 2048) };
}

/**
 * Records this page for the visitor, creating the visitor first if this browser holds none.
 * `user` ({name, email}) and `variables` ([{name, value, url}]) come from the site's calls.
 */
export async function trackPage(session, page, user, variables) {
  const { api } = session;
  if (api.signedIn) {
    try {
      await api.post('/v1/visitors/me/pageviews', pageView(page));
      if (variables.length) await sendVariables(session, variables);
      return;
    } catch (error) {
      if (error.status !== 401) throw error;
      // The session lapsed or was revoked: this browser starts as a new visitor.
      session.forget();
    }
  }
  const answer = await api.post(
    '/v1/visitors',
    {
      ...pageView(page),
      screenResolution: cut(page.screenResolution, 32),
      timeZone: cut(page.timeZone, 64),
      name: user.name || null,
      email: user.email || null,
      customVariables: variables.length ? variables.slice(0, 50) : null,
    },
    { auth: false },
  );
  api.setCredentials(answer.credentials);
  session.update({ visitorId: answer.visitor.id });
}

/** Replaces the tracked visitor's custom variables with what the site passed on this page. */
export function sendVariables(session, variables) {
  if (!session.api.signedIn) return Promise.resolve();
  return session.api.put('/v1/visitors/me/custom-variables', variables);
}

/** Sends a heartbeat every minute while the page is open; answers a function telling the form's state. */
export function keepPresent(session) {
  let preChat = null;
  const beat = () => {
    if (!session.api.signedIn) return;
    session.api.post('/v1/visitors/me/heartbeat', preChat === null ? {} : { preChat }).catch(() => {});
  };
  setInterval(beat, HEARTBEAT_MS);
  return (formOpen) => {
    if (preChat === formOpen) return;
    preChat = formOpen;
    beat();
  };
}
