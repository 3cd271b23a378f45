import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  /** The raw body bytes as text, exactly as signed. */
  body: string;
  receivedAt: number;
  /** What the receiver answered (null: it never answered). */
  status: number | null;
}

/** Answers a delivery: a status, or 'hang' to never answer. */
export type Answer = (webhook: ReceivedWebhook, index: number) => number | 'hang';

/**
 * A real HTTP receiver on 127.0.0.1 that records every request. Verification requests
 * (WEBHOOK-SUBSCRIPTION) are answered 200 unless `verification` says otherwise.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  answer: Answer = () => 200;
  verification = 200;
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const webhook: ReceivedWebhook = {
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          receivedAt: Date.now(),
          status: null,
        };
        this.received.push(webhook);
        const isVerification =
          request.headers['solaris-webhook-event-type'] === 'WEBHOOK-SUBSCRIPTION';
        const status = isVerification
          ? this.verification
          : this.answer(webhook, this.deliveries().length - 1);
        if (status === 'hang') return;
        webhook.status = status;
        response.writeHead(status, { 'Content-Type': 'text/plain' }).end('ok');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
  }

  /** Everything but the verification requests. */
  deliveries(): ReceivedWebhook[] {
    return this.received.filter(
      (webhook) => webhook.headers['solaris-webhook-event-type'] !== 'WEBHOOK-SUBSCRIPTION',
    );
  }

  async waitFor(count: number, timeoutMs = 15_000): Promise<ReceivedWebhook[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.deliveries().length < count) {
      if (Date.now() > deadline) {
        throw new Error(`expected ${count} deliveries, got ${this.deliveries().length}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return this.deliveries();
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }
}

/** Verifies `Solaris-Webhook-Signature` the way a partner would. */
export function signatureValid(webhook: ReceivedWebhook, secret: string): boolean {
  const header = webhook.headers['solaris-webhook-signature'];
  if (typeof header !== 'string' || !header.startsWith('sha256=')) return false;
  const expected = createHmac('sha256', secret).update(webhook.body).digest();
  const given = Buffer.from(header.slice('sha256='.length), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
