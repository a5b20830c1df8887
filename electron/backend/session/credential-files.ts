import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import fs from 'node:fs';

// The TLS material and token files of a context, read and checked before client-node sees them, so that a bad one is
// reported naming its field ("certificate-authority-data is not base64") instead of as a failed TLS handshake. The
// stanzas client-node gets carry the checked bytes as *-data, so it reads no file itself. No message quotes a value.

export class CredentialFileError extends Error {
  /** The user's credentials cannot be used (`unauthorized`), or the cluster's CA cannot (`error`). */
  state: 'unauthorized' | 'error' = 'unauthorized';
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

interface Material {
  where: string;
  field: string;
  bytes: Buffer;
}

async function readFileField(where: string, field: string, file: unknown): Promise<Buffer> {
  if (typeof file !== 'string' || file === '') throw new CredentialFileError(`${where}: ${field} must be a file path.`);
  try {
    return await fs.promises.readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EACCES' || code === 'EPERM'
          ? 'cannot be read (permission denied)'
          : code === 'EISDIR'
            ? 'is a directory'
            : 'cannot be read';
    throw new CredentialFileError(`${where}: ${field} "${file}" ${why}.`);
  }
}

function decodeData(where: string, field: string, data: unknown): Buffer {
  if (typeof data !== 'string') throw new CredentialFileError(`${where}: ${field} must be a base64 string.`);
  const compact = data.replace(/\s+/g, '');
  if (!BASE64.test(compact) || compact.length % 4 === 1) {
    throw new CredentialFileError(`${where}: ${field} is not valid base64.`);
  }
  return Buffer.from(compact, 'base64');
}

/** The file's bytes or the data's, whichever the stanza names (the file wins, as in client-node and kubectl). */
async function material(
  where: string,
  body: Record<string, unknown>,
  fileKey: string,
  dataKey: string,
): Promise<Material | undefined> {
  const file = body[fileKey];
  if (file !== undefined && file !== null && file !== '') {
    return { where, field: fileKey, bytes: await readFileField(where, fileKey, file) };
  }
  const data = body[dataKey];
  if (data === undefined || data === null || data === '') return undefined;
  return { where, field: dataKey, bytes: decodeData(where, dataKey, data) };
}

function certificates(m: Material): X509Certificate[] {
  const blocks = [...m.bytes.toString('utf8').matchAll(PEM_BLOCK)].filter((b) => b[1] === 'CERTIFICATE');
  if (blocks.length === 0) throw new CredentialFileError(`${m.where}: ${m.field} holds no PEM certificate.`);
  return blocks.map((block, i) => {
    try {
      return new X509Certificate(block[0]);
    } catch {
      throw new CredentialFileError(`${m.where}: certificate ${i + 1} in ${m.field} cannot be parsed.`);
    }
  });
}

function privateKey(m: Material): KeyObject {
  try {
    return createPrivateKey({ key: m.bytes, format: 'pem' });
  } catch {
    throw new CredentialFileError(`${m.where}: ${m.field} is not a PEM private key.`);
  }
}

const base64 = (m: Material): string => m.bytes.toString('base64');

/** The cluster stanza for client-node: only the fields it uses, the CA as checked data. */
export async function checkedCluster(name: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const where = `Cluster "${name}"`;
  const server = body.server;
  const plainHttp = typeof server === 'string' && server.toLowerCase().startsWith('http:');
  const out: Record<string, unknown> = { server };
  // client-node refuses http:// unless TLS verification is off, which means nothing without TLS: kubectl connects.
  if (body['insecure-skip-tls-verify'] === true || plainHttp) out['insecure-skip-tls-verify'] = true;
  for (const key of ['tls-server-name', 'proxy-url']) if (typeof body[key] === 'string') out[key] = body[key];
  try {
    const ca = await material(where, body, 'certificate-authority', 'certificate-authority-data');
    if (ca) {
      certificates(ca);
      out['certificate-authority-data'] = base64(ca);
    }
  } catch (error) {
    if (error instanceof CredentialFileError) error.state = 'error';
    throw error;
  }
  return out;
}

// Replaced by their checked -data forms (or the token they hold).
const FILE_FIELDS = new Set([
  'client-certificate',
  'client-certificate-data',
  'client-key',
  'client-key-data',
  'tokenFile',
  'token-file',
]);

/** The user stanza for client-node with its certificate, key and token files read and checked. */
export async function checkedUser(name: string, fields: Record<string, unknown>): Promise<Record<string, unknown>> {
  const where = `User "${name}"`;
  const out = Object.fromEntries(Object.entries(fields).filter(([key]) => !FILE_FIELDS.has(key)));
  const cert = await material(where, fields, 'client-certificate', 'client-certificate-data');
  const key = await material(where, fields, 'client-key', 'client-key-data');
  if ((cert === undefined) !== (key === undefined)) {
    throw new CredentialFileError(`${where}: a client certificate needs its key, and a key its certificate.`);
  }
  if (cert && key) {
    const [leaf] = certificates(cert);
    const keyObject = privateKey(key);
    if (leaf && !leaf.checkPrivateKey(keyObject)) {
      throw new CredentialFileError(`${where}: ${cert.field} and ${key.field} do not belong together.`);
    }
    out['client-certificate-data'] = base64(cert);
    out['client-key-data'] = base64(key);
  }
  if (typeof fields.token !== 'string' || fields.token === '') {
    // kubectl's key is tokenFile; client-node reads token-file. Either one, trimmed as kubectl trims it.
    const tokenKey = fields.tokenFile !== undefined ? 'tokenFile' : 'token-file';
    const tokenFile = fields[tokenKey];
    if (tokenFile !== undefined && tokenFile !== null && tokenFile !== '') {
      const token = (await readFileField(where, tokenKey, tokenFile)).toString('utf8').trim();
      if (token === '') throw new CredentialFileError(`${where}: ${tokenKey} "${String(tokenFile)}" is empty.`);
      out.token = token;
    }
  }
  return out;
}
