/**
 * The address a resource's progress and records are keyed by, and the only form of a page's
 * address Learnlog keeps, exports or sends. Pages may name a canonical address, but a hostile
 * page could point it at another site to borrow that site's progress, so only a same-origin
 * canonical link is followed. The fragment, tracking parameters and parameters that carry
 * credentials or personal data are dropped (`cleanAddress`): one article is one resource, and
 * a sign-in token or an email address in a link never reaches the log, an export or an LRS.
 */

const TRACKING_PARAMETER =
  /^(?:utm_[a-z_]+|fbclid|gclid|gclsrc|dclid|gbraid|wbraid|msclkid|yclid|igshid|twclid|li_fat_id|mc_cid|mc_eid|_ga|_gl|_hsenc|_hsmi|mkt_tok|ref_src|ref_url|oly_anon_id|oly_enc_id|vero_id|wickedid)$/i;

/**
 * Parameter names that carry a credential, a session or personal data, compared after
 * `normalisedName` (camelCase split into words, lower case, `-` and `.` read as `_`, a trailing
 * `[]` dropped). Sources of the
 * common ones: OAuth 2.0 (RFC 6749 `code` and `state`, RFC 6750 `access_token`), OpenID Connect
 * (`id_token`), SAML (`SAMLResponse`, `RelayState`), CAS (`ticket`), signed URLs of AWS S3
 * (`X-Amz-*`), Google Cloud Storage (`X-Goog-*`), CloudFront (`Signature`, `Policy`,
 * `Key-Pair-Id`) and Azure (`sig`), Moodle (`sesskey`), PHP, Java and ColdFusion sessions.
 */
const SECRET_NAMES = new Set([
  'token',
  'access_token',
  'id_token',
  'refresh_token',
  'auth',
  'authorization',
  'auth_token',
  'authtoken',
  'bearer',
  'jwt',
  'assertion',
  'key',
  'api_key',
  'apikey',
  'access_key',
  'accesskey',
  'secret',
  'client_secret',
  'password',
  'passwd',
  'pwd',
  'pass',
  'passcode',
  'pin',
  'otp',
  'sig',
  'signature',
  'hmac',
  'policy',
  'key_pair_id',
  'sesskey',
  'wstoken',
  'resourcekey',
  'session',
  'session_id',
  'sessionid',
  'sid',
  'jsessionid',
  'phpsessid',
  'aspsessionid',
  'cfid',
  'cftoken',
  'ticket',
  'nonce',
  'samlresponse',
  'samlrequest',
  'relaystate',
  'relay_state',
  'email',
  'e_mail',
  'mail',
  'username',
  'user_name',
  'user',
  'login',
  'user_id',
  'userid',
]);

/** Name endings that say the same: `app_token`, `private_key`, `x_session`, `contact_email`… */
const SECRET_ENDINGS =
  /(?:_token|_key|_secret|_password|_sig|_signature|_session|_sessid|_email|_nonce)$/;
/** Whole families: signed-URL parameters. */
const SECRET_PREFIXES = /^(?:x_amz_|x_goog_)/;
/** Values that are personal data or a credential whatever the parameter is called. */
const EMAIL_VALUE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const JWT_VALUE = /^eyJ[\w-]{5,}\.eyJ[\w-]{5,}\.[\w-]+$/;

export function normalisedName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/\[\]$/, '')
    .replace(/[-.]/g, '_');
}

/** Whether a parameter looks like a credential or personal data, by its name or its value. */
export function isSecretParameter(
  name: string,
  value: string,
  names: ReadonlySet<string>,
): boolean {
  const normal = normalisedName(name);
  // An OAuth authorisation code comes with `state`; elsewhere `code` names a course or a form.
  if (normal === 'code') return names.has('state');
  if (normal === 'state') return names.has('code');
  return (
    SECRET_NAMES.has(normal) ||
    SECRET_ENDINGS.test(normal) ||
    SECRET_PREFIXES.test(normal) ||
    EMAIL_VALUE.test(value) ||
    JWT_VALUE.test(value) ||
    /^bearer\s/i.test(value)
  );
}

/** How deep addresses inside parameters are cleaned (a link to a link to a link…). */
const NESTED_DEPTH = 3;

function decoded(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/**
 * The address without its fragment, tracking parameters and secret-looking parameters. The query
 * string is filtered as text, keeping the rest exactly as the page wrote it. No URLSearchParams
 * callbacks or iterators: Firefox's Xray wrappers break the iterators in content scripts, and a
 * page with scripting disabled makes DOM callbacks unrunnable.
 */
export function cleanAddress(url: URL, depth = 0): URL {
  const clean = new URL(url.href);
  clean.hash = '';
  const parts = clean.search
    .slice(1)
    .split('&')
    .filter((part) => part.length > 0)
    .map((part) => {
      const equals = part.indexOf('=');
      const name = decoded(equals < 0 ? part : part.slice(0, equals));
      const value = equals < 0 ? '' : decoded(part.slice(equals + 1));
      return { part, name, value };
    });
  const names = new Set(parts.map(({ name }) => normalisedName(name)));
  const kept: string[] = [];
  for (const { part, name, value } of parts) {
    if (TRACKING_PARAMETER.test(name) || isSecretParameter(name, value, names)) continue;
    // An address inside a parameter (a return or redirect link) is cleaned the same way.
    const nested = /^https?:\/\//i.test(value) ? URL.parse(value) : null;
    if (!nested) {
      kept.push(part);
      continue;
    }
    // Nested deeper than this, the address is dropped rather than kept uncleaned.
    if (depth >= NESTED_DEPTH) continue;
    const inner = cleanAddress(nested, depth + 1).href;
    kept.push(
      inner === nested.href ? part : `${encodeURIComponent(name)}=${encodeURIComponent(inner)}`,
    );
  }
  clean.search = kept.length > 0 ? `?${kept.join('&')}` : '';
  // User names and passwords in the address itself (https://user:pass@host/) go too.
  clean.username = '';
  clean.password = '';
  return clean;
}

/** `cleanAddress` for an address held as text; text that is not an address is returned as it is. */
export function cleanAddressText(text: string): string {
  if (!URL.canParse(text)) return text;
  return cleanAddress(new URL(text)).href;
}

export function canonicalResourceUrl(doc: Document, pageUrl: URL): URL {
  const link = doc.querySelector<HTMLLinkElement>('link[rel~="canonical" i][href]');
  const href = link?.getAttribute('href');
  if (href) {
    try {
      const candidate = new URL(href, pageUrl);
      if (candidate.origin === pageUrl.origin) return cleanAddress(candidate);
    } catch {
      // An unparsable canonical link is ignored: the page's own address is used.
    }
  }
  return cleanAddress(pageUrl);
}
