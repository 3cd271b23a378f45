import { assertPublicHost, isPublicAddress, parseWebhookUrl } from './url-safety.js';

describe('webhook URL safety', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fd00:ec2::254',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '64:ff9b::a00:1',
    '2002:7f00:1::',
  ])('refuses %s', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['93.184.215.14', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    'accepts the public address %s',
    (address) => {
      expect(isPublicAddress(address)).toBe(true);
    },
  );

  it('refuses other schemes and URLs with credentials', () => {
    expect(() => parseWebhookUrl('ftp://example.com/hook')).toThrow('http or https');
    expect(() => parseWebhookUrl('https://user:pw@example.com/hook')).toThrow('credentials');
    expect(() => parseWebhookUrl('not a url')).toThrow('absolute http');
    expect(parseWebhookUrl('https://example.com/hook').hostname).toBe('example.com');
  });

  it('checks the addresses a name resolves to', async () => {
    await expect(assertPublicHost('localhost')).rejects.toThrow('non-public address');
    await expect(assertPublicHost('127.0.0.1')).rejects.toThrow('non-public address');
    await expect(assertPublicHost('::1')).rejects.toThrow('non-public address');
  });
});
