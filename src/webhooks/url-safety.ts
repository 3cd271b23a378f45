import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/** Why a webhook URL is refused; `unsafe_webhook_url` in the API. */
export class UnsafeWebhookUrlError extends Error {}

/**
 * Only public unicast addresses may receive webhooks: loopback, private, link-local (which holds
 * the cloud metadata service), carrier-grade NAT, multicast, reserved, and IPv6 forms that embed
 * an IPv4 address (mapped, NAT64, 6to4, Teredo) are refused.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

/** The URL parsed, if its form is acceptable: http(s), no credentials. */
export function parseWebhookUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UnsafeWebhookUrlError('must be an absolute http or https URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UnsafeWebhookUrlError('must use http or https');
  }
  if (url.username !== '' || url.password !== '') {
    throw new UnsafeWebhookUrlError('must not carry credentials');
  }
  return url;
}

/** The URL's host without the brackets of an IPv6 literal. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/**
 * Resolves the host and checks every address it resolves to (a name with one private address
 * among public ones is refused: the connection could land on either).
 */
export async function assertPublicHost(host: string): Promise<void> {
  const addresses = isIP(host)
    ? [host]
    : await lookup(host, { all: true, verbatim: true }).then(
        (found) => found.map((entry) => entry.address),
        () => {
          throw new UnsafeWebhookUrlError(`has a host that does not resolve (${host})`);
        },
      );
  const unsafe = addresses.find((address) => !isPublicAddress(address));
  if (unsafe !== undefined) {
    throw new UnsafeWebhookUrlError(`resolves to a non-public address (${unsafe})`);
  }
}
