import { createHmac } from 'node:crypto';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import {
  assertPublicHost,
  hostOf,
  isPublicAddress,
  parseWebhookUrl,
  UnsafeWebhookUrlError,
} from './url-safety.js';

/** What a receiver made of one request: its status, or why there was none. */
export interface SendResult {
  statusCode: number | null;
  error: string | null;
  /** Why the URL was refused before any request (not http(s), not a public address). */
  unsafe: string | null;
  durationMs: number;
}

export interface WebhookRequest {
  url: string;
  secret: string;
  body: string;
  headers: Record<string, string>;
}

/** `sha256=<hex HMAC-SHA256(secret, body)>`, over the exact bytes sent. */
export function signatureOf(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** Receivers' answers are read only so far; the status code is what counts. */
const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * Resolves like dns.lookup but fails when any address is not public, so the check applies to the
 * very addresses the socket connects to (a DNS answer cannot change between check and connect).
 */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    const unsafe = addresses.find((entry) => !isPublicAddress(entry.address));
    if (unsafe) {
      const refused = new UnsafeWebhookUrlError(
        `resolves to a non-public address (${unsafe.address})`,
      );
      return callback(refused, '', 0);
    }
    if (options.all) return callback(null, addresses);
    return callback(null, addresses[0].address, addresses[0].family);
  });
};

/**
 * Sends signed webhook requests. Redirects are never followed (node:http does not), each request
 * is bounded by WEBHOOK_TIMEOUT_MS from start to the end of the answer, and unless private URLs
 * are allowed every connection goes to a public address only.
 */
@Injectable()
export class WebhookSender implements OnModuleDestroy {
  private readonly timeoutMs: number;
  private readonly allowPrivate: boolean;
  private readonly agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
  };

  constructor(config: AppConfig) {
    const webhooks = config.webhooks;
    this.timeoutMs = webhooks.timeoutMs;
    this.allowPrivate = webhooks.allowPrivateUrls;
  }

  /** Throws UnsafeWebhookUrlError for a URL no delivery could go to. */
  async assertDeliverable(raw: string): Promise<void> {
    const url = parseWebhookUrl(raw);
    if (!this.allowPrivate) await assertPublicHost(hostOf(url));
  }

  async send(request: WebhookRequest): Promise<SendResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      const url = parseWebhookUrl(request.url);
      const host = hostOf(url);
      if (!this.allowPrivate && isIP(host) && !isPublicAddress(host)) {
        throw new UnsafeWebhookUrlError(`resolves to a non-public address (${host})`);
      }
      const statusCode = await this.post(url, request);
      return { statusCode, error: null, unsafe: null, durationMs: elapsed() };
    } catch (error) {
      return {
        statusCode: null,
        error: describe(error),
        unsafe: error instanceof UnsafeWebhookUrlError ? error.message : null,
        durationMs: elapsed(),
      };
    }
  }

  onModuleDestroy(): void {
    this.agents['http:'].destroy();
    this.agents['https:'].destroy();
  }

  private post(url: URL, request: WebhookRequest): Promise<number> {
    const body = Buffer.from(request.body, 'utf8');
    const client = url.protocol === 'https:' ? https : http;
    return new Promise<number>((resolve, reject) => {
      const outgoing = client.request(
        url,
        {
          method: 'POST',
          agent: this.agents[url.protocol as 'http:' | 'https:'],
          lookup: this.allowPrivate ? undefined : publicOnlyLookup,
          signal: AbortSignal.timeout(this.timeoutMs),
          headers: {
            'Content-Type': 'application/json',
            'Content-Length': String(body.length),
            'User-Agent': 'compliance-service-webhooks',
            ...request.headers,
            'Solaris-Webhook-Signature': signatureOf(request.secret, request.body),
          },
        },
        (response) => {
          let received = 0;
          response.on('data', (chunk: Buffer) => {
            received += chunk.length;
            if (received > MAX_RESPONSE_BYTES) response.destroy();
          });
          response.on('close', () => resolve(response.statusCode ?? 0));
          response.on('error', () => resolve(response.statusCode ?? 0));
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }
}

/** Errors from node's own modules are duck-typed: under some loaders they come from another realm. */
function describe(error: unknown): string {
  if (error instanceof UnsafeWebhookUrlError) return `unsafe_webhook_url: url ${error.message}`;
  const { name, code, message } = error as { name?: string; code?: string; message?: string };
  if (name === 'TimeoutError' || name === 'AbortError') return 'timeout: no answer in time';
  const text = message ?? String(error);
  return (code ? `${code}: ${text}` : text).slice(0, 500);
}
