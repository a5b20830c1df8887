// Form -> manifest: the form's fields applied onto a copy of the manifest it was read from, each only where the user
// changed it (see `edit` in objects.ts): nothing the form cannot show is dropped, no default is filled in. A DaemonSet
// has no `replicas`; the selector is the label set at creation.
import type { DaemonSetSpec } from 'kubernetes-types/apps/v1';
import type { Container, NodeSelectorTerm, Volume } from 'kubernetes-types/core/v1';
import {
  cloneJson,
  copy,
  edit,
  putObject,
  intOf,
  intOrString,
  intOrText,
  put,
  putRows,
  same,
  sameMap,
  toMap,
} from './objects';
import type { Obj } from './objects';
import { formFromManifest, pickedNodes, readSource, readToleration, shownText, templateOf, volumeNames } from './read';
import { writeContainer as writeContainerWith } from './write-container';
import { ALIAS_ANNOTATION, DESCRIPTION_ANNOTATION } from '../../../common/annotations';
import { HOSTNAME_LABEL } from './types';
import type { DaemonSet, MountForm, TolerationForm, VolumeForm, WizardForm } from './types';

const SOURCES = ['persistentVolumeClaim', 'hostPath', 'configMap', 'secret', 'emptyDir'];

function writeSource(volume: VolumeForm, out: Obj): void {
  const source = volume.source;
  if (source.kind === 'other') return;
  for (const key of SOURCES) Reflect.deleteProperty(out, key);
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
}

function writeVolume(volume: VolumeForm): Volume {
  const out = copy(volume.raw);
  const raw = volume.raw;
  edit(out, 'name', volume.name, raw ? shownText(raw.name) : undefined, () => volume.name.trim());
  if (!raw || !same(volume.source, readSource(raw))) writeSource(volume, out);
  return out as unknown as Volume;
}

function writeToleration(t: TolerationForm): Obj {
  const out = copy(t.raw);
  const read = t.raw ? readToleration(t.raw) : undefined;
  edit(out, 'key', t.key, read?.key, () => t.key.trim());
  // Equal is the default operator: written only when it was written before.
  edit(out, 'operator', t.operator, read?.operator, () =>
    t.operator === 'Exists' || out.operator !== undefined ? t.operator : undefined,
  );
  edit(out, 'value', [t.operator, t.value], read && [read.operator, read.value], () =>
    t.operator === 'Exists' ? undefined : t.value,
  );
  edit(out, 'effect', t.effect, read?.effect, () => t.effect);
  edit(out, 'tolerationSeconds', t.tolerationSeconds, read?.tolerationSeconds, () => intOrText(t.tolerationSeconds));
  return out;
}

function writePlacement(form: WizardForm, read: WizardForm, pod: Obj): void {
  const placement = (f: WizardForm) => [f.placement, f.nodes, f.nodeSelector];
  if (same(placement(form), placement(read))) return;
  const affinity = copy(pod.affinity);
  const nodeAffinity = copy(affinity.nodeAffinity);
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

function mountsOf(form: WizardForm, containerId: string): { volume: VolumeForm; mount: MountForm }[] {
  return form.volumes.flatMap((volume) =>
    volume.mounts.filter((m) => m.containerId === containerId).map((mount) => ({ volume, mount })),
  );
}

function writePod(form: WizardForm, read: WizardForm): Obj {
  const pod = copy(templateOf(form.base)?.spec);
  const volumes = volumeNames(templateOf(form.base)?.spec);
  const containers: Container[] = form.containers.map((c) => writeContainerWith(c, mountsOf(form, c.id), volumes));
  putRows(pod, 'containers', containers);
  putRows(
    pod,
    'initContainers',
    form.initContainers.map((c) => writeContainerWith(c, mountsOf(form, c.id), volumes)),
  );
  edit(pod, 'imagePullSecrets', form.imagePullSecrets, read.imagePullSecrets, () => {
    // A secret still named keeps its entry as written (fields the form does not show included).
    const before = Array.isArray(pod.imagePullSecrets) ? (pod.imagePullSecrets as unknown[]) : [];
    return form.imagePullSecrets
      .filter((s) => s.trim() !== '')
      .map((name) => before.find((b) => copy(b).name === name) ?? { name });
  });
  edit(pod, 'hostNetwork', form.hostNetwork, read.hostNetwork, () =>
    form.hostNetwork ? true : pod.hostNetwork !== undefined ? false : undefined,
  );
  edit(pod, 'hostPID', form.hostPID, read.hostPID, () =>
    form.hostPID ? true : pod.hostPID !== undefined ? false : undefined,
  );
  edit(pod, 'serviceAccountName', form.serviceAccountName, read.serviceAccountName, () =>
    form.serviceAccountName.trim(),
  );
  edit(pod, 'priorityClassName', form.priorityClassName, read.priorityClassName, () => form.priorityClassName.trim());
  putRows(pod, 'volumes', form.volumes.map(writeVolume));
  putRows(pod, 'tolerations', form.tolerations.map(writeToleration));
  writePlacement(form, read, pod);
  return pod;
}

function writeStrategy(form: WizardForm, read: WizardForm, spec: Obj): void {
  const strategyOf = (f: WizardForm) => [f.strategy, f.maxUnavailable, f.maxSurge];
  if (!same(strategyOf(form), strategyOf(read))) {
    const strategy = copy(spec.updateStrategy);
    edit(strategy, 'type', form.strategy, read.strategy, () => form.strategy);
    if (form.strategy === 'OnDelete') {
      delete strategy.rollingUpdate;
    } else {
      const rolling = copy(strategy.rollingUpdate);
      edit(rolling, 'maxUnavailable', form.maxUnavailable, read.maxUnavailable, () => intOrString(form.maxUnavailable));
      edit(rolling, 'maxSurge', form.maxSurge, read.maxSurge, () => intOrString(form.maxSurge));
      put(strategy, 'rollingUpdate', rolling);
    }
    put(spec, 'updateStrategy', strategy);
  }
  // 0 is the default: written only when the manifest held it already or the user typed another number.
  edit(spec, 'minReadySeconds', form.minReadySeconds, read.minReadySeconds, () =>
    intOf(form.minReadySeconds) === 0 && spec.minReadySeconds === undefined
      ? undefined
      : intOrText(form.minReadySeconds),
  );
}

function writeLabels(form: WizardForm, read: WizardForm, creating: boolean, out: { metadata: Obj; spec: Obj }): void {
  const base = form.base;
  if (same(form.labels, read.labels)) return;
  const labels = toMap(form.labels);
  const baseLabels = base.metadata?.labels;
  const baseTemplateLabels = templateOf(base)?.metadata?.labels;
  // Object labels follow the form unless an import gave the object labels of its own, different from the pod's.
  if (baseLabels === undefined || sameMap(baseLabels, baseTemplateLabels)) put(out.metadata, 'labels', { ...labels });
  const selector = base.spec?.selector;
  const keepSelector =
    selector !== undefined &&
    (!creating ||
      (selector.matchExpressions === undefined &&
        Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v) &&
        Object.keys(selector.matchLabels ?? {}).length > 0));
  // Separate objects, so a YAML view never shows them as anchors and aliases.
  out.spec.selector = keepSelector ? selector : { matchLabels: { ...labels } };
  const template = copy(out.spec.template);
  const templateMeta = copy(template.metadata);
  put(templateMeta, 'labels', labels);
  template.metadata = templateMeta;
  out.spec.template = template;
}

/**
 * The manifest the form describes. `creating` decides the selector: at creation it is the label set (unless the
 * manifest's own selector still selects those labels); after creation the selector is immutable and kept as read.
 */
export function manifestFromForm(form: WizardForm, options: { creating: boolean } = { creating: true }): DaemonSet {
  const base = cloneJson(form.base);
  // What reading the base gives: a field of the form still equal to it is one the user did not change.
  const read = formFromManifest(base, form.readNamespace ?? form.namespace);
  const metadata = copy(base.metadata);
  edit(metadata, 'name', form.name, read.name, () => form.name.trim());
  // A new form always names its project; one read from a manifest without a namespace gains one when the user picks.
  const namespaceRead = form.readNamespace === undefined && typeof base.metadata?.namespace !== 'string';
  edit(metadata, 'namespace', form.namespace, namespaceRead ? undefined : read.namespace, () => form.namespace);
  const annotations = copy(base.metadata?.annotations);
  edit(annotations, ALIAS_ANNOTATION, form.alias, read.alias, () => form.alias.trim());
  edit(annotations, DESCRIPTION_ANNOTATION, form.description, read.description, () => form.description.trim());
  if (!same(annotations, copy(base.metadata?.annotations))) put(metadata, 'annotations', annotations);

  const spec = copy(base.spec);
  delete spec.replicas;
  writeStrategy(form, read, spec);
  const template = copy(templateOf(base));
  putObject(template, 'spec', writePod(form, read));
  putObject(spec, 'template', template);
  writeLabels(form, read, options.creating, { metadata, spec });

  const out: Obj = { ...(base as Obj) };
  putObject(out, 'metadata', metadata);
  putObject(out, 'spec', spec);
  out.apiVersion ??= 'apps/v1';
  out.kind ??= 'DaemonSet';
  return out as unknown as DaemonSet & { spec: DaemonSetSpec };
}
