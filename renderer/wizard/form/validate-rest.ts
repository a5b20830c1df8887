// Volumes, labels, node selection and tolerations.
import { add, error, warning, type Issues } from './issues';
import { isDnsLabel, isDnsSubdomain, isLabelValue, isQualifiedName } from '../../../common/names';
import type { KeyValue, WizardForm } from './types';
import type { ValidationContext } from './validate-basic';
import { HOST_PATH_TYPES } from './rules';

function validateVolumes(form: WizardForm, ctx: ValidationContext, issues: Issues): void {
  const names = new Set<string>();
  const ids = new Set([...form.containers, ...form.initContainers].map((c) => c.id));
  form.volumes.forEach((volume, i) => {
    const at = `volumes.${i}`;
    const name = volume.name.trim();
    if (name === '') add(issues, `${at}.name`, error('required'));
    else if (!isDnsLabel(name)) add(issues, `${at}.name`, error('dnsLabel'));
    else if (names.has(name)) add(issues, `${at}.name`, error('duplicate'));
    names.add(name);
    const source = volume.source;
    if (source.kind === 'hostPath') {
      if (!source.path.trim().startsWith('/')) add(issues, `${at}.path`, error('absolutePath'));
      if (!HOST_PATH_TYPES.includes(source.type)) add(issues, `${at}.type`, error('hostPathType'));
    } else if (source.kind === 'pvc') {
      if (source.claimName.trim() === '') add(issues, `${at}.claimName`, error('required'));
      const claim = ctx.claims?.find((c) => c.name === source.claimName);
      if (claim && !claim.accessModes.some((m) => m === 'ReadWriteMany' || m === 'ReadOnlyMany')) {
        add(issues, `${at}.claimName`, warning('readWriteOnce'));
      }
    } else if (source.kind === 'configMap' || source.kind === 'secret') {
      if (source.name.trim() === '') add(issues, `${at}.source`, error('required'));
      else if (!isDnsSubdomain(source.name.trim())) add(issues, `${at}.source`, error('dnsName'));
    }
    const paths = new Map<string, Set<string>>();
    volume.mounts.forEach((mount, m) => {
      const p = `${at}.mounts.${m}`;
      if (!ids.has(mount.containerId)) return;
      if (!mount.mountPath.trim().startsWith('/')) add(issues, `${p}.mountPath`, error('absolutePath'));
      const seen = paths.get(mount.containerId) ?? new Set<string>();
      if (seen.has(mount.mountPath.trim())) add(issues, `${p}.mountPath`, error('duplicate'));
      seen.add(mount.mountPath.trim());
      paths.set(mount.containerId, seen);
    });
  });
  // Two volumes mounted at the same path in one container is rejected by the API server.
  for (const c of [...form.containers, ...form.initContainers]) {
    const seen = new Set<string>();
    form.volumes.forEach((volume, i) =>
      volume.mounts.forEach((mount, m) => {
        if (mount.containerId !== c.id || mount.mountPath.trim() === '') return;
        if (seen.has(mount.mountPath.trim())) add(issues, `volumes.${i}.mounts.${m}.mountPath`, error('mountClash'));
        seen.add(mount.mountPath.trim());
      }),
    );
  }
}

function validatePairs(pairs: KeyValue[], prefix: string, issues: Issues): void {
  const keys = new Set<string>();
  pairs.forEach((pair, i) => {
    const key = pair.key.trim();
    if (key === '') {
      if (pair.value !== '') add(issues, `${prefix}.${i}.key`, error('required'));
      return;
    }
    if (!isQualifiedName(key)) add(issues, `${prefix}.${i}.key`, error('labelKey'));
    else if (keys.has(key)) add(issues, `${prefix}.${i}.key`, error('duplicate'));
    keys.add(key);
    if (!isLabelValue(pair.value)) add(issues, `${prefix}.${i}.value`, error('labelValue'));
  });
}

function validateNodes(form: WizardForm, issues: Issues): void {
  if (form.placement === 'nodes' && form.nodes.length === 0) add(issues, 'nodes', error('pickNode'));
  if (form.placement === 'selector') {
    validatePairs(form.nodeSelector, 'nodeSelector', issues);
    if (form.nodeSelector.every((p) => p.key.trim() === '')) add(issues, 'nodeSelector', error('onePair'));
  }
  form.tolerations.forEach((t, i) => {
    const at = `tolerations.${i}`;
    if (t.key.trim() !== '' && !isQualifiedName(t.key.trim())) add(issues, `${at}.key`, error('labelKey'));
    if (t.key.trim() === '' && t.operator !== 'Exists') add(issues, `${at}.key`, error('emptyKeyNeedsExists'));
    if (t.operator === 'Equal' && !isLabelValue(t.value)) add(issues, `${at}.value`, error('labelValue'));
    const seconds = t.tolerationSeconds.trim();
    if (seconds !== '') {
      if (!/^-?\d+$/.test(seconds)) add(issues, `${at}.tolerationSeconds`, error('integer'));
      else if (t.effect !== 'NoExecute') add(issues, `${at}.tolerationSeconds`, error('secondsNeedNoExecute'));
    }
  });
}

export function validateRest(form: WizardForm, ctx: ValidationContext, issues: Issues): void {
  validateVolumes(form, ctx, issues);
  validatePairs(form.labels, 'labels', issues);
  if (form.labels.every((l) => l.key.trim() === '')) add(issues, 'labels', error('oneLabel'));
  validateNodes(form, issues);
}
