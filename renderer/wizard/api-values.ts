// Values of the Kubernetes API shown as they are (never translated): enums and example inputs.
export const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;
export const PULL_POLICIES = ['IfNotPresent', 'Always', 'Never'] as const;
export const OPERATORS = ['Equal', 'Exists'] as const;
export const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;
export const EXAMPLES = {
  cpuRequest: '100m',
  cpuLimit: '500m',
  memoryRequest: '64Mi',
  memoryLimit: '128Mi',
  hostPath: '/var/log',
  registry: 'registry.example.com',
};
