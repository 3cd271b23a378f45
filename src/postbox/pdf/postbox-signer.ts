import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { SignPdf } from '@signpdf/signpdf';
import { P12Signer } from '@signpdf/signer-p12';
import forge from 'node-forge';

/** Kept under DATA_DIR when no certificate is configured (sandbox). */
export const SANDBOX_SIGNING_FILE = 'postbox-signing.pem';

interface SigningIdentity {
  p12: Buffer;
  passphrase: string;
}

/**
 * Signs generated Postbox PDFs with an embedded PKCS#7 signature (adbe.pkcs7.detached). The
 * certificate comes from POSTBOX_SIGNING_P12_PATH; without one, the sandbox uses a self-signed
 * pair made on first use and kept under DATA_DIR, so restarts reuse it.
 */
@Injectable()
export class PostboxSigner implements OnModuleInit {
  private readonly logger = new Logger(PostboxSigner.name);
  private identity?: Promise<SigningIdentity>;

  constructor(private readonly config: AppConfig) {}

  /** A configured certificate is checked at boot, so a wrong path or passphrase fails fast. */
  async onModuleInit(): Promise<void> {
    if (this.config.postboxSigningP12Path) {
      const identity = await this.loadIdentity();
      checkIdentity(identity);
      this.identity = Promise.resolve(identity);
    }
  }

  /** Whether signing can work: a certificate is configured, or the sandbox makes its own. */
  get available(): boolean {
    return Boolean(this.config.postboxSigningP12Path) || this.config.sandbox;
  }

  /** Signs a PDF that carries a signature placeholder (see renderPostboxPdf). */
  async sign(pdf: Buffer, signingTime: Date): Promise<Buffer> {
    this.identity ??= this.loadIdentity();
    const { p12, passphrase } = await this.identity.catch((error: unknown) => {
      this.identity = undefined;
      throw error;
    });
    return new SignPdf().sign(pdf, new P12Signer(p12, { passphrase }), signingTime);
  }

  private async loadIdentity(): Promise<SigningIdentity> {
    const path = this.config.postboxSigningP12Path;
    if (path) {
      return {
        p12: await readFile(path),
        passphrase: this.config.postboxSigningP12Passphrase,
      };
    }
    if (!this.config.sandbox) {
      throw new Error('POSTBOX_SIGNING_P12_PATH is required to sign documents outside the sandbox');
    }
    const blocks = forge.pem.decode(await this.sandboxPem());
    const block = (type: string) => {
      const found = blocks.find((candidate) => candidate.type === type);
      if (!found) throw new Error(`${SANDBOX_SIGNING_FILE} holds no ${type}`);
      return forge.pem.encode(found);
    };
    const key = forge.pki.privateKeyFromPem(block('PRIVATE KEY'));
    const certificate = forge.pki.certificateFromPem(block('CERTIFICATE'));
    // The pair rests unencrypted (mode 600); the in-memory PKCS#12 needs some passphrase.
    const passphrase = randomBytes(16).toString('hex');
    const asn1 = forge.pkcs12.toPkcs12Asn1(key, [certificate], passphrase, { algorithm: '3des' });
    return { p12: Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'), passphrase };
  }

  /** The sandbox key and certificate (PEM), created once; concurrent first starts agree on one. */
  private async sandboxPem(): Promise<string> {
    const dataDir = this.config.dataDir;
    const file = join(dataDir, SANDBOX_SIGNING_FILE);
    try {
      return await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    await mkdir(dataDir, { recursive: true });
    const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temp, selfSignedPem(), { mode: 0o600 });
    try {
      // link() fails if another process got there first; its pair wins and ours is dropped.
      await link(temp, file);
      this.logger.warn(`Generated a self-signed sandbox certificate for Postbox PDFs: ${file}`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      await unlink(temp);
    }
    return readFile(file, 'utf8');
  }
}

/** Opens the PKCS#12 (a wrong passphrase fails its MAC check) and requires a key and a certificate. */
function checkIdentity({ p12, passphrase }: SigningIdentity): void {
  const parsed = forge.pkcs12.pkcs12FromAsn1(
    forge.asn1.fromDer(p12.toString('binary')),
    passphrase,
  );
  const has = (bagType: string) => (parsed.getBags({ bagType })[bagType] ?? []).length > 0;
  if (!has(forge.pki.oids.certBag))
    throw new Error('POSTBOX_SIGNING_P12_PATH holds no certificate');
  if (!has(forge.pki.oids.pkcs8ShroudedKeyBag) && !has(forge.pki.oids.keyBag)) {
    throw new Error('POSTBOX_SIGNING_P12_PATH holds no private key');
  }
}

/** A fresh RSA key and a ten-year self-signed certificate for it, both as PEM. */
function selfSignedPem(now = new Date()): string {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const key = forge.pki.privateKeyFromPem(privateKey);
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(publicKey);
  certificate.serialNumber = `01${randomBytes(15).toString('hex')}`;
  certificate.validity.notBefore = new Date(now.getTime() - 24 * 3600_000);
  certificate.validity.notAfter = new Date(now.getTime() + 10 * 365 * 24 * 3600_000);
  const subject = [
    { name: 'commonName', value: 'Compliance service sandbox Postbox signing' },
    { name: 'organizationName', value: 'Compliance service (sandbox)' },
  ];
  certificate.setSubject(subject);
  certificate.setIssuer(subject);
  certificate.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
  ]);
  certificate.sign(key, forge.md.sha256.create());
  return `${privateKey}${forge.pki.certificateToPem(certificate)}`;
}
