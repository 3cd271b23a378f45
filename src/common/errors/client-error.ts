import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { familyOf } from '../http/api-family.js';
import { renderEnvelope } from './error-envelope.js';

interface ParserError extends Error {
  code?: string;
  rawPacket?: Buffer;
}

const ANSWERS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [
    431,
    'request_header_fields_too_large',
    'The request headers are too large.',
  ],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'request_timeout', 'The request took too long to arrive.'],
};
const MALFORMED: [number, string, string] = [400, 'bad_request', 'The HTTP request is malformed.'];

/**
 * Node's HTTP parser rejects some requests (control characters in a header, conflicting
 * Content-Length, oversized headers, a broken request line) before any middleware runs; by
 * default it answers with an empty body. This listener (`clientError`) answers them like every
 * other error: JSON in the route family's dialect, with an X-Request-Id.
 */
export function answerClientError(error: ParserError, socket: Duplex): void {
  const inFlight = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const [status, code, detail] = ANSWERS[error.code ?? ''] ?? MALFORMED;
  const id = randomUUID();
  const requestLine = error.rawPacket?.toString('latin1', 0, 256).split('\r\n')[0] ?? '';
  const family = familyOf(requestLine.split(' ')[1] ?? '');
  const body = JSON.stringify(renderEnvelope(family, { status, code, message: detail }, id));
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      `X-Request-Id: ${id}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}
