// Form -> manifest: the form's fields applied onto a copy of the manifest it was read from. A DaemonSet has no
// `replicas`; the selector is the label set at creation.
import type { DaemonSetSpec } from 'kubernetes-types/apps/v1';
import type { Container, NodeSelectorTerm, PodSpec, Volume } from 'kubernetes-types/core/v1';
import { cloneJson, copy, intOf, intOrString, put, sameMap, toMap, type Obj } from './objects';
import { pickedNodes, templateOf } from './read';
import { writeContainer as writeContainerWith } from './write-container';
import { ALIAS_ANNOTATION, DESCRIPTION_ANNOTATION } from '../../../common/annotations';
import { HOSTNAME_LABEL } from './types';
import type { DaemonSet, MountForm, TolerationForm, VolumeForm, WizardForm } from './types';

function writeVolume(volume: VolumeForm): Volume {
  const out = copy(volume.raw);
  out.name = volume.name.trim();
  const source = volume.source;
  if (source.kind === 'other') return out as unknown as Volume;
  for (const key of ['persistentVolumeClaim', 'hostPath', 'configMap', 'secret', 'emptyDir'])
    Reflect.deleteProperty(out, key);
  const raw = volume.raw;
  if (source.kind === 'pvc') {
    const claim = copy(raw?.persistentVolumeClaim);
    claim.claimName = source.claimName;
    if (source.readOnly) claim.readOnly = true;
    else delete claim.readOnly;
    out.persistentVolumeClaim = claim;
  } else if (source.kind === 'hostPath') {
    const hostPath = copy(raw?.hostPath);
    hostPath.path = source.path.trim();
    put(hostPath, 'type', source.type);
    out.hostPath = hostPath;
  } else if (source.kind === 'configMap') {
    out.configMap = { ...copy(raw?.configMap), name: source.name };
  } else if (source.kind === 'secret') {
    out.secret = { ...copy(raw?.secret), secretName: source.name };
  } else {
    const emptyDir = copy(raw?.emptyDir);
    put(emptyDir, 'medium', source.medium);
    out.emptyDir = emptyDir;
  }
  return out as unknown as Volume;
}

function writeToleration(t: TolerationForm): Obj {
  const out = copy(t.raw);
  put(out, 'key', t.key.trim());
  // Equal is the default operator: written only when it was written before.
  if (t.operator === 'Exists' || out.operator !== undefined) out.operator = t.operator;
  put(out, 'value', t.operator === 'Exists' ? '' : t.value);
  put(out, 'effect', t.effect);
  put(out, 'tolerationSeconds', intOf(t.tolerationSeconds));
  return out;
}

function writePlacement(form: WizardForm, pod: Obj): void {
  const affinity = copy(pod.affinity as object | undefined);
  const nodeAffinity = copy(affinity.nodeAffinity as object | undefined);
  const hadPicked = pickedNodes(form.base) !== null;
  if (form.placement === 'nodes') {
    const term: NodeSelectorTerm = {
      matchExpressions: [{ key: HOSTNAME_LABEL, operator: 'In', values: [...form.nodes] }],
    };
    nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = { nodeSelectorTerms: [term] };
  } else if (hadPicked) {
    // Only the affinity this form wrote is removed; any other required affinity of an import stays.
    delete nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution;
  }
  put(affinity, 'nodeAffinity', nodeAffinity);
  put(pod, 'affinity', affinity);
  if (form.placement === 'selector') put(pod, 'nodeSelector', toMap(form.nodeSelector));
  else if (form.placement === 'all') delete pod.nodeSelector;
}

function mountsOf(form: WizardForm, containerId: string): { volume: string; mount: MountForm }[] {
  return form.volumes.flatMap((volume) =>
    volume.mounts.filter((m) => m.containerId === containerId).map((mount) => ({ volume: volume.name.trim(), mount })),
  );
}

function writePod(form: WizardForm): Obj {
  const pod = copy(templateOf(form.base)?.spec);
  const containers: Container[] = form.containers.map((c) => writeContainerWith(c, mountsOf(form, c.id)));
  pod.containers = containers;
  put(
    pod,
    'initContainers',
    form.initContainers.map((c) => writeContainerWith(c, mountsOf(form, c.id))),
  );
  put(
    pod,
    'imagePullSecrets',
    form.imagePullSecrets.filter((s) => s.trim() !== '').map((name) => ({ name })),
  );
  if (form.hostNetwork) pod.hostNetwork = true;
  else if (pod.hostNetwork !== undefined) pod.hostNetwork = false;
  if (form.hostPID) pod.hostPID = true;
  else if (pod.hostPID !== undefined) pod.hostPID = false;
  put(pod, 'serviceAccountName', form.serviceAccountName.trim());
  put(pod, 'priorityClassName', form.priorityClassName.trim());
  put(pod, 'volumes', form.volumes.map(writeVolume));
  put(pod, 'tolerations', form.tolerations.map(writeToleration));
  writePlacement(form, pod);
  return pod;
}

function writeStrategy(form: WizardForm, spec: Obj): void {
  const strategy = copy(form.base.spec?.updateStrategy);
  strategy.type = form.strategy;
  if (form.strategy === 'OnDelete') {
    delete strategy.rollingUpdate;
  } else {
    const rolling = copy(form.base.spec?.updateStrategy?.rollingUpdate);
    put(rolling, 'maxUnavailable', intOrString(form.maxUnavailable));
    put(rolling, 'maxSurge', intOrString(form.maxSurge));
    put(strategy, 'rollingUpdate', rolling);
  }
  spec.updateStrategy = strategy;
  const minReady = intOf(form.minReadySeconds) ?? 0;
  // 0 is the default: written only when the manifest held it already.
  if (minReady !== 0 || spec.minReadySeconds !== undefined) spec.minReadySeconds = minReady;
}

/**
 * The manifest the form describes. `creating` decides the selector: at creation it is the label set (unless the
 * manifest's own selector still selects those labels); after creation the selector is immutable and kept as read.
 */
export function manifestFromForm(form: WizardForm, options: { creating: boolean } = { creating: true }): DaemonSet {
  const base = cloneJson(form.base);
  const labels = toMap(form.labels);
  const metadata = copy(base.metadata);
  metadata.name = form.name.trim();
  metadata.namespace = form.namespace;
  const baseLabels = base.metadata?.labels;
  const baseTemplateLabels = templateOf(base)?.metadata?.labels;
  // Object labels follow the form unless an import gave the object labels of its own, different from the pod's.
  if (baseLabels === undefined || sameMap(baseLabels, baseTemplateLabels)) put(metadata, 'labels', { ...labels });
  const annotations = copy(base.metadata?.annotations);
  put(annotations, ALIAS_ANNOTATION, form.alias.trim());
  put(annotations, DESCRIPTION_ANNOTATION, form.description.trim());
  put(metadata, 'annotations', annotations);

  const spec = copy(base.spec);
  delete spec.replicas;
  const selector = base.spec?.selector;
  const keepSelector =
    selector !== undefined &&
    (!options.creating ||
      (selector.matchExpressions === undefined &&
        Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v) &&
        Object.keys(selector.matchLabels ?? {}).length > 0));
  // Separate objects, so a YAML view never shows them as anchors and aliases.
  spec.selector = keepSelector ? selector : { matchLabels: { ...labels } };
  writeStrategy(form, spec);
  const template = copy(templateOf(base));
  const templateMeta = copy(templateOf(base)?.metadata);
  put(templateMeta, 'labels', labels);
  template.metadata = templateMeta;
  template.spec = writePod(form) as unknown as PodSpec;
  spec.template = template;

  const out: Obj = { ...(base as Obj), apiVersion: 'apps/v1', kind: 'DaemonSet', metadata, spec };
  delete out.status;
  return out as unknown as DaemonSet & { spec: DaemonSetSpec };
}
