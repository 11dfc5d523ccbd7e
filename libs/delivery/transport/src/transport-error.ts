import type { TransportError } from '@hookbus/delivery-sdk';

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'ENODATA', 'ESERVFAIL']);
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_)/;
const PROTOCOL_CODES = new Set(['UND_ERR_HEADERS_OVERFLOW', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH', 'UND_ERR_RES_EXCEEDED_MAX_SIZE', 'UND_ERR_INFO']);
// The request itself is wrong (a header value with a newline, a bad method): a bug, not a network outcome.
const INVALID_REQUEST_CODES = new Set(['UND_ERR_INVALID_ARG', 'UND_ERR_NOT_SUPPORTED', 'ERR_INVALID_URL', 'ERR_INVALID_ARG_TYPE']);

/** Whether an error means the request could never be sent as given, whatever the network does. */
export function isInvalidRequestError(error: unknown): boolean {
  return error instanceof Error && INVALID_REQUEST_CODES.has(String((error as NodeJS.ErrnoException).code));
}

/** Maps an error from undici, node:net, node:tls or node:dns (or its causes); anything unknown is `connection`. */
export function transportErrorCode(error: unknown): TransportError {
  for (let current = error; current instanceof Error; current = current.cause) {
    const code = String((current as NodeJS.ErrnoException).code ?? '');
    if (code === 'HOOKBUS_EGRESS_REFUSED') return 'ssrf_refused';
    if (TIMEOUT_CODES.has(code)) return 'timeout';
    if (DNS_CODES.has(code)) return 'dns';
    if (TLS_CODE.test(code)) return 'tls';
    if (PROTOCOL_CODES.has(code) || code.startsWith('HPE_') || current.name === 'HTTPParserError') return 'protocol';
  }
  return 'connection';
}
