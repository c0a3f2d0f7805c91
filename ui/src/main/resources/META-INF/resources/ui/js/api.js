import { token } from './auth.js';

/** An error answer of the API: its status, the field at fault and the detail, as the problem JSON gives them. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.field = problem.field;
  }
}

async function problemOf(response) {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return { detail: text || response.statusText };
  }
}

/** Calls the API with the signed-in token; resolves to the parsed JSON (or text), rejects with an ApiError. */
export async function api(path, { method = 'GET', body, type = 'application/json', as = 'json' } = {}) {
  const headers = { Authorization: 'Bearer ' + token() };
  if (body !== undefined) headers['Content-Type'] = type;
  const response = await fetch(path, { method, headers, body: body === undefined || typeof body === 'string' ? body : JSON.stringify(body) });
  if (response.status === 401) {
    window.dispatchEvent(new Event('agora:signed-out'));
  }
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  if (as === 'response') return response;
  if (as === 'blob') return response.blob();
  if (as === 'text') return response.text();
  return response.status === 204 ? null : response.json();
}

/**
 * Follows a server-sent event stream with the token (EventSource cannot send one): calls onEvent with each event's
 * JSON data until the stream ends or `signal` aborts. Resolves when the stream ends.
 */
export async function follow(path, onEvent, signal) {
  const response = await fetch(path, { headers: { Authorization: 'Bearer ' + token(), Accept: 'text/event-stream' }, signal });
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block.split('\n').filter(l => l.startsWith('data:')).map(l => l.slice(5).trimStart()).join('\n');
      if (data) onEvent(JSON.parse(data));
    }
  }
}
