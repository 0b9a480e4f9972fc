// The JSON API (/api/openapi.json) as the pages use it.

export const enc = encodeURIComponent;

/**
 * fetch + JSON. Changes carry X-Tuneboard: a cross-site page cannot send it without a CORS preflight,
 * which the server never grants. A 401 means the server has a token and this browser has not signed in.
 */
export async function api(path, options) {
  const o = options || {};
  const method = (o.method || 'GET').toUpperCase();
  const headers = method === 'GET' || method === 'HEAD' ? o.headers : { ...(o.headers || {}), 'X-Tuneboard': '1' };
  const r = await fetch(path, { ...o, headers });
  if (r.status === 401) location.assign('/signin.html');
  const type = r.headers.get('content-type') || '';
  const body = type.includes('json') ? await r.json() : await r.text();
  if (!r.ok) {
    const err = new Error((body && body.error) || ('HTTP ' + r.status));
    err.status = r.status;
    err.body = body;
    throw err;
  }
  return body;
}

export const experimentPath = name => '/api/experiments/' + enc(name);
/** The latest attempt of a trial number. */
export const trialByNumberPath = (name, number) => experimentPath(name) + '/trials/' + number;
/** One attempt, by its id. */
export const trialByIdPath = id => '/api/trials/' + id;
