// Names the pod template refers to that do not exist in the chosen project (or, for PriorityClasses, the cluster):
// warnings at the field, not errors, since the object may be created next (a manifest's ServiceAccount often is).
// What a real cluster then does: no ServiceAccount or PriorityClass → the API server refuses the pods (the DaemonSet
// controller's FailedCreate); no ConfigMap or Secret for env → CreateContainerConfigError; for a volume → FailedMount.
import { add, warning, type Issues } from './issues';
import type { ContainerForm, WizardForm } from './types';

export interface ProjectReferences {
  namespace: string;
  /** Each list is present only when the user may read it. */
  serviceAccounts?: string[];
  priorityClasses?: string[];
  configMaps?: { name: string; keys: string[] }[];
  secrets?: { name: string; keys: string[] }[];
}

type Kind = 'configMap' | 'secret';

function checkSource(
  refs: ProjectReferences,
  kind: Kind,
  name: string,
  key: { path: string; key: string } | undefined,
  path: string,
  effect: string,
  issues: Issues,
): void {
  const known = kind === 'configMap' ? refs.configMaps : refs.secrets;
  if (!known || name === '') return;
  const found = known.find((o) => o.name === name);
  const code = kind === 'configMap' ? 'missingConfigMap' : 'missingSecret';
  if (!found) return add(issues, path, warning(code, { name, namespace: refs.namespace, effect }));
  if (key && key.key !== '' && !found.keys.includes(key.key)) {
    add(issues, key.path, warning(`${code}Key`, { name, key: key.key }));
  }
}

function checkContainer(c: ContainerForm, at: string, refs: ProjectReferences, issues: Issues): void {
  c.env.forEach((env, i) => {
    if (env.kind !== 'configMapKey' && env.kind !== 'secretKey') return;
    const ref = env.kind === 'configMapKey' ? env.raw?.valueFrom?.configMapKeyRef : env.raw?.valueFrom?.secretKeyRef;
    if (ref?.optional) return;
    const p = `${at}.env.${i}`;
    const kind = env.kind === 'configMapKey' ? 'configMap' : 'secret';
    const key = { path: `${p}.key`, key: env.key.trim() };
    checkSource(refs, kind, env.source.trim(), key, `${p}.source`, 'CreateContainerConfigError', issues);
  });
  c.envFrom.forEach((from, i) => {
    if (from.kind === 'other' || (from.raw?.configMapRef ?? from.raw?.secretRef)?.optional) return;
    const path = `${at}.envFrom.${i}.name`;
    checkSource(refs, from.kind, from.name.trim(), undefined, path, 'CreateContainerConfigError', issues);
  });
}

export function validateReferences(form: WizardForm, refs: ProjectReferences, issues: Issues): void {
  const account = form.serviceAccountName.trim();
  if (account !== '' && refs.serviceAccounts && !refs.serviceAccounts.includes(account)) {
    add(issues, 'serviceAccountName', warning('missingServiceAccount', { name: account, namespace: refs.namespace }));
  }
  const priority = form.priorityClassName.trim();
  if (priority !== '' && refs.priorityClasses && !refs.priorityClasses.includes(priority)) {
    add(issues, 'priorityClassName', warning('missingPriorityClass', { name: priority }));
  }
  form.containers.forEach((c, i) => checkContainer(c, `containers.${i}`, refs, issues));
  form.initContainers.forEach((c, i) => checkContainer(c, `initContainers.${i}`, refs, issues));
  form.volumes.forEach((v, i) => {
    const source = v.source;
    if (source.kind !== 'configMap' && source.kind !== 'secret') return;
    if ((v.raw?.configMap ?? v.raw?.secret)?.optional) return;
    checkSource(refs, source.kind, source.name.trim(), undefined, `volumes.${i}.source`, 'FailedMount', issues);
  });
  form.imagePullSecrets.forEach((name, i) => {
    if (refs.secrets && name.trim() !== '' && !refs.secrets.some((s) => s.name === name.trim())) {
      add(
        issues,
        `imagePullSecrets.${i}`,
        warning('missingPullSecret', { name: name.trim(), namespace: refs.namespace }),
      );
    }
  });
}
