// The wizard's issues at one moment: local validation with what the cluster offers, the checks only an update has,
// and the server's own answers, merged per field path.
import type { ProjectResources } from '../../electron/contract/dto';
import { updateIssues, validateForm, type Issues, type ProjectReferences, type WizardForm } from './form';

export interface IssueInputs {
  form: WizardForm;
  updating: boolean;
  nameTaken: boolean;
  desiredPods: number | undefined;
  podQuotaRoom: number | undefined;
  resources: ProjectResources | null;
  server: Issues;
}

function mergeInto(target: Issues, more: Issues): void {
  for (const [path, list] of Object.entries(more)) target[path] = [...(target[path] ?? []), ...list];
}

/** The lists the user may read, for the missing-reference warnings (a list not readable warns about nothing). */
function references(namespace: string, r: ProjectResources): ProjectReferences {
  const refs: ProjectReferences = { namespace };
  if (r.serviceAccounts.allowed) refs.serviceAccounts = r.serviceAccounts.value;
  if (r.priorityClasses.allowed) refs.priorityClasses = r.priorityClasses.value;
  if (r.configMaps.allowed) refs.configMaps = r.configMaps.value;
  if (r.secrets.allowed) refs.secrets = r.secrets.value;
  return refs;
}

export function wizardIssues(input: IssueInputs): Issues {
  const { form, updating, desiredPods, podQuotaRoom, resources: r } = input;
  const self = `${form.namespace}/${form.name}`;
  const merged: Issues = validateForm(form, {
    nameTaken: input.nameTaken,
    editing: updating,
    ...(desiredPods !== undefined ? { desiredPods } : {}),
    // The pods an update replaces already count in the quota's use: the room check is for creation only.
    ...(podQuotaRoom !== undefined && !updating ? { podQuotaRoom } : {}),
    // A DaemonSet's own host ports are not taken from it.
    ...(r?.hostPorts.allowed ? { hostPortsInUse: r.hostPorts.value.filter((u) => !updating || u.owner !== self) } : {}),
    ...(r?.claims.allowed ? { claims: r.claims.value } : {}),
    ...(r ? { references: references(form.namespace, r) } : {}),
  });
  // In update mode the form's base is the live object as read.
  if (updating) mergeInto(merged, updateIssues(form, form.base));
  mergeInto(merged, input.server);
  return merged;
}
