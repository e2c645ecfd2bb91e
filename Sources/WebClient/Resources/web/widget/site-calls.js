// The site's calls through `Parley(...)`: open and close the panel, tell who the visitor is
// (`setUser`, `{name, email}`) and pass custom variables (`[{name, value, url}]`). What the site
// passes is bounded before it goes anywhere: texts cut to the server's limits, at most 50 variables.

const text = (value, length) => (typeof value === 'string' ? value.trim().slice(0, length) : '');

export class SiteCalls {
  /**
   * `open()` and `close()` act on the panel once the widget is ready; earlier, an open waits.
   * `variables(list)` passes on custom variables the site sets once the widget is ready (earlier
   * ones go with the page's tracking).
   */
  constructor({ open, close, variables }) {
    this.actions = { open, close, variables };
    this.ready = false;
    this.openWanted = false;
    this.user = {};
    this.variables = [];
  }

  apply(name, value) {
    if (name === 'open') {
      if (this.ready) this.actions.open();
      else this.openWanted = true;
    } else if (name === 'close') {
      this.openWanted = false;
      this.actions.close();
    } else if (name === 'setUser') {
      this.user = cleanUser(value);
    } else if (name === 'setCustomVariables') {
      this.variables = cleanVariables(value);
      if (this.ready) this.actions.variables(this.variables);
    }
  }
}

/** `{name, email}` with only non-empty strings kept. */
function cleanUser(value) {
  const user = {};
  const name = text(value?.name, 100);
  const email = text(value?.email, 254);
  if (name) user.name = name;
  if (email) user.email = email;
  return user;
}

/** `[{name, value, url}]`: named entries only, at most 50. */
function cleanVariables(value) {
  if (!Array.isArray(value)) return [];
  return value
    .filter((entry) => text(entry?.name, 100))
    .slice(0, 50)
    .map((entry) => ({ name: text(entry.name, 100), value: text(String(entry.value ?? ''), 1000), url: text(entry.url, 2048) || null }));
}
