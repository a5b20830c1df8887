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

interface CertRequest {
  commonName: string;
  organization?: string;
  publicKeyPem: string;
  issuer?: { cert: forge.pki.Certificate; keyPem: string };
  ownKeyPem: string;
  extensions: object[];
  years: number;
}

function buildCert(req: CertRequest): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(req.publicKeyPem);
  cert.serialNumber = serialNumber();
  const now = Date.now();
  cert.validity.notBefore = new Date(now - 60 * 60 * 1000);
  cert.validity.notAfter = new Date(now + req.years * 365 * 24 * 60 * 60 * 1000);
  const subject: forge.pki.CertificateField[] = [{ name: 'commonName', value: req.commonName }];
  if (req.organization) subject.push({ name: 'organizationName', value: req.organization });
  cert.setSubject(subject);
  cert.setIssuer(req.issuer ? req.issuer.cert.subject.attributes : subject);
  cert.setExtensions(req.extensions);
  const signingKey = forge.pki.privateKeyFromPem(req.issuer ? req.issuer.keyPem : req.ownKeyPem);
  cert.sign(signingKey, forge.md.sha256.create());
  return cert;
}

export function createPki(name: string): Pki {
  const caKeys = rsaKeyPair();
  const ca = buildCert({
    commonName: `${name}-ca`,
    publicKeyPem: caKeys.publicKey,
    ownKeyPem: caKeys.privateKey,
    years: 10,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
      { name: 'subjectKeyIdentifier' },
    ],
  });
  const issuer = { cert: ca, keyPem: caKeys.privateKey };
  const serverKeys = rsaKeyPair();
  const server = buildCert({
    commonName: `${name}-apiserver`,
    publicKeyPem: serverKeys.publicKey,
    ownKeyPem: serverKeys.privateKey,
    issuer,
    years: 10,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  const devKeys = rsaKeyPair();
  const developer = buildCert({
    commonName: 'developer',
    publicKeyPem: devKeys.publicKey,
    ownKeyPem: devKeys.privateKey,
    issuer,
    years: 10,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', clientAuth: true },
    ],
  });
  return {
    caCert: forge.pki.certificateToPem(ca),
    caKey: caKeys.privateKey,
    serverCert: forge.pki.certificateToPem(server),
    serverKey: serverKeys.privateKey,
    developerCert: forge.pki.certificateToPem(developer),
    developerKey: devKeys.privateKey,
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
