// Every string the console and the widget show comes from a locale file:
// `/locales/<area>/<language>.json`, a flat map of keys to texts with `{name}` placeholders.

export const LANGUAGES = ['en', 'es', 'ar'];
const RIGHT_TO_LEFT = new Set(['ar']);

/** The first of `preferred` (or the browser's languages) that Parley speaks, else English. */
export function pickLanguage(preferred) {
  const wanted = preferred ? [preferred] : navigator.languages || [navigator.language];
  for (const tag of wanted) {
    const base = String(tag || '').toLowerCase().split('-')[0];
    if (LANGUAGES.includes(base)) return base;
  }
  return 'en';
}

/**
 * Loads one area's strings (`console` or `widget`) in `language`, English filling any gap.
 * Answers `t(key, values)`, with `t.language` and `t.direction` ('ltr' or 'rtl').
 */
export async function loadStrings(area, language) {
  const read = async (lang) => {
    const response = await fetch(`/locales/${area}/${lang}.json`);
    return response.ok ? response.json() : {};
  };
  const english = await read('en');
  const strings = language === 'en' ? english : { ...english, ...(await read(language)) };
  const t = (key, values = {}) =>
    (strings[key] ?? key).replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
  t.language = language;
  t.direction = RIGHT_TO_LEFT.has(language) ? 'rtl' : 'ltr';
  return t;
}

/**
 * Fills a page from its markers: `data-i18n` sets the text, `data-i18n-label` the accessible
 * name (aria-label), `data-i18n-placeholder` and `data-i18n-title` those attributes. Sets the
 * document's language and direction.
 */
export function translatePage(root, t) {
  document.documentElement.lang = t.language;
  document.documentElement.dir = t.direction;
  for (const node of root.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of root.querySelectorAll('[data-i18n-label]')) node.setAttribute('aria-label', t(node.dataset.i18nLabel));
  for (const node of root.querySelectorAll('[data-i18n-placeholder]')) node.placeholder = t(node.dataset.i18nPlaceholder);
  for (const node of root.querySelectorAll('[data-i18n-title]')) node.title = t(node.dataset.i18nTitle);
}

/** A time of day or date in the page's language. */
export function formatTime(iso, language, withDate = false) {
  const options = withDate ? { dateStyle: 'medium', timeStyle: 'short' } : { timeStyle: 'short' };
  return new Intl.DateTimeFormat(language, options).format(new Date(iso));
}
