import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import { CORRELATION_ID_HEADER, sanitizeCorrelationId } from '@messenger/logging';

/** Hop-by-hop headers: they describe one connection rather than the request, so a proxy does not forward them. */
const HOP_BY_HOP_HEADERS = [
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
];

/** Removes the hop-by-hop headers, and those that the Connection header names. */
export function withoutHopByHopHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const named = (headers.connection ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  const dropped = new Set([...HOP_BY_HOP_HEADERS, ...named]);

  const result: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !dropped.has(name)) {
      result[name] = value;
    }
  }

  return result;
}

/**
 * Builds the headers of a request to a gateway: the client's own headers,
 * the X-Forwarded-* headers with this hop appended, and a correlation id
 * (the client's when it is valid, else a new one). A WebSocket upgrade keeps
 * its Connection and Upgrade headers, which the handshake needs.
 */
export function forwardedRequestHeaders(request: IncomingMessage, correlationId: string): OutgoingHttpHeaders {
  const isUpgrade = request.headers.upgrade !== undefined;
  const headers = withoutHopByHopHeaders(request.headers);
  if (isUpgrade) {
    headers.connection = 'Upgrade';
    headers.upgrade = request.headers.upgrade;
  }

  const clientAddress = request.socket.remoteAddress ?? 'unknown';
  const previous = request.headers['x-forwarded-for'];
  headers['x-forwarded-for'] = previous ? `${previous}, ${clientAddress}` : clientAddress;
  headers['x-forwarded-proto'] ??= 'encrypted' in request.socket && request.socket.encrypted ? 'https' : 'http';
  if (request.headers.host !== undefined) {
    headers['x-forwarded-host'] ??= request.headers.host;
  }
  headers[CORRELATION_ID_HEADER] = correlationId;

  return headers;
}

export function correlationIdOf(request: IncomingMessage): string {
  return sanitizeCorrelationId(request.headers[CORRELATION_ID_HEADER]);
}
