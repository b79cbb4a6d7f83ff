// The one place the app talks HTTP: the generated client (lectern-api.js, written at build time from
// docs/openapi/*.yaml) calls request() for every operation. It adds the service's base URL, the bearer token
// and the chosen language, and turns an RFC 9457 problem into an ApiProblem the forms can show per field.
import { currentToken, dropToken } from './auth.js';
import { lang } from './i18n.js';
import { appConfig } from './config.js';

export class ApiProblem extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }

  /** The messages for one field (a JSON path such as speakers[1].email), or for every field under it. */
  messagesFor(field, { prefix = false } = {}) {
    return (this.problem.errors || [])
      .filter((e) => e.field === field || (prefix && e.field && e.field.startsWith(field)))
      .map((e) => e.message);
  }

  get fieldErrors() {
    return this.problem.errors || [];
  }
}

function baseUrl(service) {
  const config = appConfig();
  return (service === 'review' ? config.reviewApi : config.submissionApi) || '';
}

export async function request(service, method, path, options = {}) {
  const { query = {}, headers = {}, body, contentType, accept } = options;
  const url = new URL(baseUrl(service) + path, location.href);
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    url.searchParams.set(name, Array.isArray(value) ? value.join(',') : String(value));
  }
  const sent = { 'Accept-Language': lang(), Accept: accept || 'application/json, application/problem+json' };
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && value !== null) sent[name] = String(value);
  }
  const token = currentToken();
  if (token) sent.Authorization = `Bearer ${token}`;
  let payload;
  if (body !== undefined) {
    sent['Content-Type'] = options.bodyType || contentType;
    payload = sent['Content-Type'].includes('json') && typeof body !== 'string' ? JSON.stringify(body) : body;
  }
  let response;
  try {
    response = await fetch(url, { method, headers: sent, body: payload });
  } catch (e) {
    throw new ApiProblem(0, { code: 'network', title: e.message });
  }
  const type = response.headers.get('Content-Type') || '';
  if (!response.ok) {
    const problem = type.includes('json') ? await response.json() : { title: response.statusText };
    if (response.status === 401) dropToken();
    throw new ApiProblem(response.status, { status: response.status, ...problem });
  }
  const data = response.status === 204 ? null : type.includes('json') ? await response.json() : await response.text();
  return { status: response.status, data, etag: response.headers.get('ETag'), headers: response.headers };
}
