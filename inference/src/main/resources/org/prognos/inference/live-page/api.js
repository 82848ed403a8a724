// The page's one way to the service's JSON API: the key from sessionStorage as a bearer token, JSON in and out,
// RFC 9457 problems turned into ApiProblem errors.
const KEY = 'prognos.apiKey';

/** An error answer of the API: its problem document's status, title and detail. */
export class ApiProblem extends Error {
  constructor(status, title, detail) {
    super(title + ': ' + detail);
    this.status = status;
    this.title = title;
    this.detail = detail;
  }
}

/** Whether the user answered the key question in this tab (an empty answer: the service has keys off). */
export function hasKey() {
  return sessionStorage.getItem(KEY) !== null;
}

export function saveKey(key) {
  sessionStorage.setItem(KEY, key);
}

export function forgetKey() {
  sessionStorage.removeItem(KEY);
}

/** GETs (or with options.method and options.body, sends JSON to) a path of this service; resolves to the JSON answer. */
export async function api(path, options = {}) {
  const headers = { Accept: 'application/json' };
  const key = sessionStorage.getItem(KEY);
  if (key) headers.Authorization = 'Bearer ' + key;
  const init = { method: options.method || 'GET', headers, cache: 'no-store', credentials: 'omit' };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  const res = await fetch(path, init);
  const text = await res.text();
  if (!res.ok) {
    let p = {};
    try {
      p = JSON.parse(text);
    } catch (e) {
      p = { title: res.statusText, detail: text.slice(0, 200) };
    }
    throw new ApiProblem(res.status, p.title || String(res.status), p.detail || '');
  }
  return text ? JSON.parse(text) : null;
}
