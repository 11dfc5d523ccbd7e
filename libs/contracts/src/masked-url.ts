/** What the delivery log and the e-mails show in place of a secret. */
export const MASK = '********';

// Over the parameter name, decoded, camelCase split into words and lower-cased: token, secret,
// password/passwd/pwd and signature anywhere (access_token, client_secret); key ending a word
// (api_key, apikey, X-API-Key; not keyword); sig as a word (sig, hmac_sig; not design, signal);
// auth starting a word (auth, X-Auth, authorization; not author).
const SECRET_NAME = /token|secret|passw(?:or)?d|pwd|signature|key(?![a-z])|(?<![a-z])sig(?![a-z])|(?<![a-z])auth(?!ors?(?![a-z]))/;

// Delivery-service shows the same few endpoint URLs on every attempt: each is masked once. Bounded,
// since URLs rendered per event (SecuTix's `${orderId}`) are all different.
const MEMO_LIMIT = 1_000;
const memo = new Map<string, string>();

/**
 * A URL as the delivery log and the e-mails show it: any `user:password@` removed, and the value
 * of every query parameter whose name looks secret (token, key, secret, signature, password, auth,
 * …) replaced by `********`. Everything else stays exactly as written.
 */
export function maskedUrl(url: string): string {
  // Most endpoint URLs carry neither credentials nor a query.
  if (!url.includes('@') && !url.includes('?')) return url;
  let shown = memo.get(url);
  if (shown === undefined) {
    shown = maskQuery(withoutCredentials(url));
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(url, shown);
  }
  return shown;
}

const withoutCredentials = (url: string): string => url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i, '$1');

function maskQuery(url: string): string {
  const start = url.indexOf('?');
  const fragment = url.indexOf('#');
  // A `?` inside the fragment starts no query.
  if (start === -1 || (fragment !== -1 && fragment < start)) return url;
  const end = fragment === -1 ? url.length : fragment;
  const query = url.slice(start + 1, end).split('&').map(maskParameter).join('&');
  return `${url.slice(0, start + 1)}${query}${url.slice(end)}`;
}

function maskParameter(parameter: string): string {
  const equals = parameter.indexOf('=');
  // No value (`?debug`, `token=`): nothing to hide.
  if (equals <= 0 || equals === parameter.length - 1) return parameter;
  return SECRET_NAME.test(wordsOf(parameter.slice(0, equals))) ? `${parameter.slice(0, equals + 1)}${MASK}` : parameter;
}

function wordsOf(name: string): string {
  let decoded = name;
  try {
    decoded = decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    // A malformed escape: match the name as written.
  }
  return decoded.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}
