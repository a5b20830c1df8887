// Every credential a sandbox kubeconfig leads to, in each form it could leak in: as written in the file (base64),
// decoded (PEM, whose body lines are what JSON would carry between "\n" escapes), and the exec plugin's token.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { parse } from 'yaml';

const execFileAsync = promisify(execFile);

interface ExecConfig {
  command: string;
  args?: string[];
  env?: { name: string; value: string }[];
}
interface KubeconfigUser {
  name: string;
  user: { token?: string; 'client-certificate-data'?: string; 'client-key-data'?: string; exec?: ExecConfig };
}

export interface Secret {
  /** What it is, for the failure message; never the value itself. */
  label: string;
  value: string;
}

/** The base64 body of a PEM block, whole and line by line (each line alone is 64 characters of key material). */
function pemForms(label: string, pem: string): Secret[] {
  const body = pem
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('-----'));
  return [
    { label: `${label} (PEM body)`, value: body.join('') },
    ...body
      .filter((line) => line.length >= 32)
      .map((line, i) => ({ label: `${label} (PEM line ${i + 1})`, value: line })),
  ];
}

async function runExecPlugin(exec: ExecConfig): Promise<string> {
  const env = { ...process.env };
  for (const { name, value } of exec.env ?? []) env[name] = value;
  const { stdout } = await execFileAsync(exec.command, exec.args ?? [], { env, timeout: 30_000 });
  const credential = JSON.parse(stdout) as { status?: { token?: unknown } };
  if (typeof credential.status?.token !== 'string') throw new Error('the exec plugin printed no token');
  return credential.status.token;
}

export async function kubeconfigSecrets(file: string): Promise<Secret[]> {
  const config = parse(readFileSync(file, 'utf8')) as { users: KubeconfigUser[] };
  const secrets: Secret[] = [];
  for (const { name, user } of config.users) {
    if (user.token) secrets.push({ label: `${name} token`, value: user.token });
    for (const field of ['client-certificate-data', 'client-key-data'] as const) {
      const data = user[field];
      if (!data) continue;
      secrets.push({ label: `${name} ${field}`, value: data });
      secrets.push(...pemForms(`${name} ${field}`, Buffer.from(data, 'base64').toString('utf8')));
    }
    if (user.exec) {
      const tokenFile = user.exec.env?.find((e) => e.name === 'SANDBOX_TOKEN_FILE')?.value;
      if (!tokenFile) throw new Error(`${name}: the exec env names no token file`);
      const fileToken = readFileSync(tokenFile, 'utf8').trim();
      const printed = await runExecPlugin(user.exec);
      secrets.push({ label: `${name} token file`, value: fileToken }, { label: `${name} exec token`, value: printed });
    }
  }
  return secrets;
}

/** The labels of the secrets `text` contains. */
export function leaked(text: string, secrets: Secret[]): string[] {
  return secrets.filter((s) => text.includes(s.value)).map((s) => s.label);
}
