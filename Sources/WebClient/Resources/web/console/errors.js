// What a person reads when the server refuses something: the locale's text for the error's
// stable code when there is one, else the server's own message.

export function errorText(t, error) {
  const key = `error.${error.code}`;
  const text = t(key);
  return text === key ? t('error.generic', { message: error.message || String(error) }) : text;
}
