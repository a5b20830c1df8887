import type { RegistrySecretInput } from '../../contract/index.js';
import { createObject } from '../kinds/client.js';
import { KINDS } from '../kinds/kinds.js';
import { REGISTRY_TYPE } from '../resources/picker.js';
import type { ContextSession } from '../session/session.js';

/** Creates an image pull secret in the form `kubectl create secret docker-registry` writes. */
export async function createRegistrySecret(
  session: ContextSession,
  namespace: string,
  input: RegistrySecretInput,
): Promise<string> {
  const auth = Buffer.from(`${input.username}:${input.password}`).toString('base64');
  const entry: Record<string, string> = { username: input.username, password: input.password, auth };
  if (input.email) entry.email = input.email;
  const config = JSON.stringify({ auths: { [input.server]: entry } });
  const secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    type: REGISTRY_TYPE,
    metadata: { name: input.name, namespace },
    data: { '.dockerconfigjson': Buffer.from(config).toString('base64') },
  };
  await createObject(session, KINDS.secrets, namespace, secret, { fieldManager: 'everynode' });
  return input.name;
}
