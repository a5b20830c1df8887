// Columns of the simpler resources (kubectl's printers for namespaces, ConfigMaps, Secrets and Events).
import type { KubeObject } from '../types.js';
import { AGE, NAME, type Column } from './table-column.js';
import { humanDuration } from './table-format.js';

function eventObject(o: KubeObject): string {
  const involved = (o.involvedObject ?? {}) as { kind?: string; name?: string };
  return `${String(involved.kind ?? '').toLowerCase()}/${involved.name ?? ''}`;
}

function lastSeen(o: KubeObject, now: number): string {
  const when = (o.lastTimestamp ?? o.eventTime ?? o.metadata.creationTimestamp) as unknown;
  return typeof when === 'string' && when !== '' ? humanDuration(now - Date.parse(when)) : '<unknown>';
}

export const NAMESPACE_COLUMNS: Column[] = [
  NAME,
  {
    name: 'Status',
    type: 'string',
    description: 'The status of the namespace',
    cell: (o) => String(o.status?.phase ?? ''),
  },
  AGE,
];

export const CONFIGMAP_COLUMNS: Column[] = [
  NAME,
  {
    name: 'Data',
    type: 'string',
    description: 'Data contains the configuration data.',
    cell: (o) => String(Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length),
  },
  AGE,
];

export const SECRET_COLUMNS: Column[] = [
  NAME,
  { name: 'Type', type: 'string', description: 'The type of the secret', cell: (o) => String(o.type ?? 'Opaque') },
  {
    name: 'Data',
    type: 'string',
    description: 'The number of entries in the secret',
    cell: (o) => String(Object.keys(o.data ?? {}).length),
  },
  AGE,
];

export const EVENT_COLUMNS: Column[] = [
  {
    name: 'Last Seen',
    type: 'string',
    description: 'The time at which the most recent occurrence of this event was recorded.',
    cell: lastSeen,
  },
  {
    name: 'Type',
    type: 'string',
    description: 'Type of this event (Normal, Warning).',
    cell: (o) => String(o.type ?? ''),
  },
  {
    name: 'Reason',
    type: 'string',
    description:
      "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.",
    cell: (o) => String(o.reason ?? ''),
  },
  { name: 'Object', type: 'string', description: 'The object that this event is about.', cell: eventObject },
  {
    name: 'Message',
    type: 'string',
    description: 'A human-readable description of the status of this operation.',
    cell: (o) => String(o.message ?? ''),
  },
  {
    name: 'Name',
    type: 'string',
    format: 'name',
    priority: 1,
    description: 'Name must be unique within a namespace.',
    cell: (o) => o.metadata.name,
  },
];
