import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { runPdfTool } from '../../../test/support/pdf-tools.js';
import { AppConfig } from '../../config/app-config.js';
import { validateEnv } from '../../config/env.validation.js';
import { renderPostboxPdf } from './postbox-pdf.js';
import { PostboxSigner, SANDBOX_SIGNING_FILE } from './postbox-signer.js';

const configOf = (overrides: Partial<AppConfig>) => new AppConfig(validateEnv({}), overrides);

const signable = () =>
  renderPostboxPdf({
    documentId: `${randomBytes(16).toString('hex')}pbxd`,
    documentType: 'ACCOUNT_STATEMENT',
    documentDate: '2026-01-31',
    signable: true,
  });

/** A PKCS#12 file as an operator would configure it. */
function p12File(commonName: string, passphrase: string): Buffer {
  const keys = forge.pki.rsa.generateKeyPair({ bits: 1024, workers: -1 });
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = keys.publicKey;
  certificate.serialNumber = '01';
  certificate.validity.notBefore = new Date(Date.now() - 3600_000);
  certificate.validity.notAfter = new Date(Date.now() + 365 * 24 * 3600_000);
  certificate.setSubject([{ name: 'commonName', value: commonName }]);
  certificate.setIssuer([{ name: 'commonName', value: commonName }]);
  certificate.sign(keys.privateKey, forge.md.sha256.create());
  const asn1 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [certificate], passphrase, {
    algorithm: '3des',
  });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

describe('PostboxSigner', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'postbox-signer-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('makes one sandbox pair under DATA_DIR even when several instances start at once', async () => {
    const config = configOf({ sandbox: true, dataDir: dataDir });
    const signers = Array.from({ length: 4 }, () => new PostboxSigner(config));
    const signed = await Promise.all(
      signers.map(async (signer) => signer.sign(await signable(), new Date())),
    );

    expect(await readdir(dataDir)).toEqual([SANDBOX_SIGNING_FILE]);
    expect((await stat(join(dataDir, SANDBOX_SIGNING_FILE))).mode & 0o777).toBe(0o600);
    for (const pdf of signed) {
      const check = await runPdfTool('pdfsig', pdf);
      expect(check.stdout).toContain('Signature Validation: Signature is Valid.');
    }
  });

  it('reuses the kept pair after a restart', async () => {
    const config = configOf({ sandbox: true, dataDir: dataDir });
    await new PostboxSigner(config).sign(await signable(), new Date());
    const kept = await readFile(join(dataDir, SANDBOX_SIGNING_FILE), 'utf8');

    const restarted = new PostboxSigner(config);
    const pdf = await restarted.sign(await signable(), new Date());
    expect(await readFile(join(dataDir, SANDBOX_SIGNING_FILE), 'utf8')).toBe(kept);
    const certificate = forge.pki.certificateFromPem(
      forge.pem.encode(forge.pem.decode(kept).find((block) => block.type === 'CERTIFICATE')!),
    );
    // The signature embeds the kept certificate (its DER appears in the PKCS#7 blob).
    const der = Buffer.from(
      forge.asn1.toDer(forge.pki.certificateToAsn1(certificate)).getBytes(),
      'binary',
    ).toString('hex');
    expect(pdf.toString('latin1').toLowerCase()).toContain(der);
  });

  it('signs with the configured PKCS#12 certificate', async () => {
    const path = join(dataDir, 'partner.p12');
    await writeFile(path, p12File('Configured Postbox Signer', 'correct horse'));
    const signer = new PostboxSigner(
      configOf({
        sandbox: false,
        dataDir: dataDir,
        postboxSigningP12Path: path,
        postboxSigningP12Passphrase: 'correct horse',
      }),
    );
    await signer.onModuleInit();
    const check = await runPdfTool('pdfsig', await signer.sign(await signable(), new Date()));
    expect(check.stdout).toContain('Signer Certificate Common Name: Configured Postbox Signer');
    expect(check.stdout).toContain('Signature Validation: Signature is Valid.');
    expect(await readdir(dataDir)).toEqual(['partner.p12']);
  });

  it('fails at boot on a wrong passphrase', async () => {
    const path = join(dataDir, 'partner.p12');
    await writeFile(path, p12File('Configured Postbox Signer', 'correct horse'));
    const signer = new PostboxSigner(
      configOf({
        sandbox: true,
        dataDir: dataDir,
        postboxSigningP12Path: path,
        postboxSigningP12Passphrase: 'battery staple',
      }),
    );
    await expect(signer.onModuleInit()).rejects.toThrow(/Invalid password/);
  });

  it('refuses to invent a certificate outside the sandbox', async () => {
    const signer = new PostboxSigner(configOf({ sandbox: false, dataDir: dataDir }));
    await expect(signer.sign(await signable(), new Date())).rejects.toThrow(
      'POSTBOX_SIGNING_P12_PATH is required to sign documents outside the sandbox',
    );
    expect(await readdir(dataDir)).toEqual([]);
  });
});
