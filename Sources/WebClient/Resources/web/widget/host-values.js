// What the site passes through `Parley('setUser', ...)` and `Parley('setCustomVariables', ...)`,
// bounded before it goes anywhere: texts cut to the server's limits, at most 50 variables.

const text = (value, length) => (typeof value === 'string' ? value.trim().slice(0, length) : '');

/** `{name, email}` with only non-empty strings kept. */
export function cleanUser(value) {
  const user = {};
  const name = text(value?.name, 100);
  const email = text(value?.email, 254);
  if (name) user.name = name;
  if (email) user.email = email;
  return user;
}

/** `[{name, value, url}]`: named entries only, at most 50. */
export function cleanVariables(value) {
  if (!Array.isArray(value)) return [];
  return value
    .filter((entry) => text(entry?.name, 100))
    .slice(0, 50)
    .map((entry) => ({ name: text(entry.name, 100), value: text(String(entry.value ?? ''), 1000), url: text(entry.url, 2048) || null }));
}
