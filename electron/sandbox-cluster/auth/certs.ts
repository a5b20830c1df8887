// The sandbox's PKI: a CA, a serving certificate for 127.0.0.1/localhost and the developer's client certificate, plus
// the bearer tokens of admin and operator. RSA keys come from node:crypto (fast, native); node-forge builds and signs
// the X.509 certificates. With a data directory the same credentials survive restarts, so kubeconfigs stay valid.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';
import { writeFileAtomic } from '../store/persistence.js';

export interface Pki {
  caCert: string;
  caKey: string;
  serverCert: string;
  serverKey: string;
  developerCert: string;
  developerKey: string;
  adminToken: string;
  operatorToken: string;
}

const PKI_FILE = 'pki.json';

function rsaKeyPair(): { publicKey: string; privateKey: string } {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
}

function serialNumber(): string {
  // A leading 01 keeps the DER integer positive: Go's TLS stack rejects negative serials.
  return '01' + randomBytes(15).toString('hex');
}

/** A key pair with its certificate; the issuer of the next certificate. */
interface Issued {
  cert: forge.pki.Certificate;
  keyPem: string;
}

/** A fresh key and a ten-year certificate for it, signed by `issuer` (self-signed without one). */
function issue(commonName: string, extensions: object[], issuer?: Issued): Issued {
  const keys = rsaKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(keys.publicKey);
  cert.serialNumber = serialNumber();
  const now = Date.now();
  cert.validity.notBefore = new Date(now - 60 * 60 * 1000);
  cert.validity.notAfter = new Date(now + 10 * 365 * 24 * 60 * 60 * 1000);
  const subject: forge.pki.CertificateField[] = [{ name: 'commonName', value: commonName }];
  cert.setSubject(subject);
  cert.setIssuer(issuer ? issuer.cert.subject.attributes : subject);
  cert.setExtensions(extensions);
  cert.sign(forge.pki.privateKeyFromPem(issuer ? issuer.keyPem : keys.privateKey), forge.md.sha256.create());
  return { cert, keyPem: keys.privateKey };
}

/** Extensions of an end-entity certificate for one extended key usage. */
function leafExtensions(extKeyUsage: object, ...more: object[]): object[] {
  return [
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', ...extKeyUsage },
    ...more,
  ];
}

export function createPki(name: string): Pki {
  const ca = issue(`${name}-ca`, [
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  const localhost = {
    name: 'subjectAltName',
    altNames: [
      { type: 7, ip: '127.0.0.1' },
      { type: 2, value: 'localhost' },
    ],
  };
  const server = issue(`${name}-apiserver`, leafExtensions({ serverAuth: true }, localhost), ca);
  const developer = issue('developer', leafExtensions({ clientAuth: true }), ca);
  const pem = (issued: Issued): string => forge.pki.certificateToPem(issued.cert);
  return {
    caCert: pem(ca),
    caKey: ca.keyPem,
    serverCert: pem(server),
    serverKey: server.keyPem,
    developerCert: pem(developer),
    developerKey: developer.keyPem,
    adminToken: randomBytes(24).toString('hex'),
    operatorToken: randomBytes(24).toString('hex'),
  };
}

/** Reuses the credentials kept in `dir` (so kubeconfigs stay valid across restarts), or creates and saves new ones. */
export function loadOrCreatePki(name: string, dir?: string): Pki {
  if (!dir) return createPki(name);
  const path = join(dir, PKI_FILE);
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as Pki;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const pki = createPki(name);
  writeFileAtomic(path, JSON.stringify(pki));
  return pki;
}
