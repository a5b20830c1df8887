import type { DaemonSetRow } from '../../electron/contract/dto';

// The fleet table's pure logic: DaemonSets of several clusters matched into rows, the image versions each row runs
// across clusters (drift), and the table as CSV and JSON. No Vue, no API: unit-tested on its own.

/** How rows are matched across clusters: by project and name, or by the value of a label (names may differ). */
export type Matching = { by: 'name' } | { by: 'label'; key: string };

export interface FleetRow {
  /** The row's identity: `namespace/name`, or the label's value. */
  key: string;
  /** Each cluster's DaemonSets in this row (a label may match more than one in a cluster). */
  cells: Record<string, DaemonSetRow[]>;
  drift: ImageDrift[];
}

/** One image (repository) of a row and the versions it runs across clusters, the most common first. */
export interface ImageDrift {
  image: string;
  versions: { version: string; clusters: string[] }[];
  /** More than one version across the clusters that run it. */
  drifted: boolean;
}

/** What the clusters of the fleet hold, by context; a context absent here has not delivered a list. */
export type FleetInput = Record<string, readonly DaemonSetRow[]>;

/** The key a DaemonSet is matched by; undefined when matching by a label it does not carry (it is left out). */
export function matchKey(row: DaemonSetRow, matching: Matching): string | undefined {
  if (matching.by === 'name') return `${row.namespace}/${row.name}`;
  return row.labels[matching.key];
}

/** Rows of the fleet table, sorted by key; each cell's DaemonSets sorted by namespace/name. */
export function fleetRows(input: FleetInput, matching: Matching): FleetRow[] {
  const rows = new Map<string, Record<string, DaemonSetRow[]>>();
  for (const [context, daemonSets] of Object.entries(input)) {
    for (const ds of daemonSets) {
      const key = matchKey(ds, matching);
      if (key === undefined) continue;
      let cells = rows.get(key);
      if (!cells) rows.set(key, (cells = {}));
      (cells[context] ??= []).push(ds);
    }
  }
  return [...rows.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, cells]) => {
      for (const list of Object.values(cells)) list.sort((a, b) => a.key.localeCompare(b.key));
      return { key, cells, drift: imageDrift(cells) };
    });
}

/**
 * Splits an image reference into repository and version: the digest if it has one, else the tag, else "latest"
 * (what a runtime pulls for an untagged image). A port in the registry host (`host:5000/app`) is not a tag.
 */
export function splitImage(image: string): { image: string; version: string } {
  const at = image.indexOf('@');
  if (at >= 0) return { image: image.slice(0, at), version: image.slice(at + 1) };
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  if (colon > slash) return { image: image.slice(0, colon), version: image.slice(colon + 1) };
  return { image, version: 'latest' };
}

/** Per image repository of a row: which clusters run which version. */
export function imageDrift(cells: Record<string, readonly DaemonSetRow[]>): ImageDrift[] {
  const byImage = new Map<string, Map<string, Set<string>>>();
  for (const [context, daemonSets] of Object.entries(cells)) {
    for (const ref of daemonSets.flatMap((ds) => ds.images)) {
      const { image, version } = splitImage(ref);
      let versions = byImage.get(image);
      if (!versions) byImage.set(image, (versions = new Map()));
      let clusters = versions.get(version);
      if (!clusters) versions.set(version, (clusters = new Set()));
      clusters.add(context);
    }
  }
  return [...byImage.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([image, versions]) => {
      const list = [...versions.entries()]
        .map(([version, clusters]) => ({ version, clusters: [...clusters].sort() }))
        .sort((a, b) => b.clusters.length - a.clusters.length || a.version.localeCompare(b.version));
      return { image, versions: list, drifted: list.length > 1 };
    });
}

/**
 * Whether this image reference is highlighted as drift: its repository runs more than one version in the row, and
 * this is not the one most clusters run (on a tie no version is the norm, so every one is highlighted).
 */
export function isDrifted(drift: readonly ImageDrift[], ref: string): boolean {
  const { image, version } = splitImage(ref);
  const entry = drift.find((d) => d.image === image);
  if (!entry?.drifted) return false;
  const [first, second] = entry.versions;
  const tied = first !== undefined && second !== undefined && first.clusters.length === second.clusters.length;
  return tied || first?.version !== version;
}

/** One cell as exported: what the table shows, in plain values. */
export interface ExportCell {
  context: string;
  namespace: string;
  name: string;
  images: string[];
  ready: number;
  desired: number;
  status: string;
  reason?: string;
  strategy: string;
}

export interface FleetExport {
  matching: string;
  /** Every context of the table, with its state (a column that cannot be reached says so). */
  clusters: { context: string; state: string }[];
  rows: { key: string; drift: ImageDrift[]; cells: ExportCell[] }[];
}

/** How a cell's status reads (phase and reason), given by the page in the user's language. */
export type Describe = (row: DaemonSetRow) => { status: string; reason?: string };

export function fleetExport(
  rows: readonly FleetRow[],
  clusters: { context: string; state: string }[],
  matching: Matching,
  describe: Describe,
): FleetExport {
  return {
    matching: matching.by === 'name' ? 'project/name' : `label ${matching.key}`,
    clusters,
    rows: rows.map((row) => ({
      key: row.key,
      drift: row.drift,
      cells: clusters.flatMap(({ context }) =>
        (row.cells[context] ?? []).map((ds) => ({
          context,
          namespace: ds.namespace,
          name: ds.name,
          images: ds.images,
          ready: ds.status.ready,
          desired: ds.status.desired,
          ...describe(ds),
          strategy: ds.strategy.type,
        })),
      ),
    })),
  };
}

const CSV_COLUMNS = [
  'row',
  'context',
  'state',
  'namespace',
  'name',
  'images',
  'ready',
  'desired',
  'status',
  'reason',
  'strategy',
];

// RFC 4180 quoting; a leading =, +, - or @ is prefixed with ' so a spreadsheet never runs a cell as a formula.
function csvField(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One line per (row, cluster): a cluster without that DaemonSet, or not reachable, has a line saying so. */
export function fleetCsv(data: FleetExport): string {
  const lines = [CSV_COLUMNS];
  for (const row of data.rows) {
    for (const { context, state } of data.clusters) {
      const cells = row.cells.filter((c) => c.context === context);
      if (cells.length === 0) lines.push([row.key, context, state, '', '', '', '', '', '', '', '']);
      for (const c of cells) {
        lines.push([
          row.key,
          context,
          state,
          c.namespace,
          c.name,
          c.images.join(' '),
          String(c.ready),
          String(c.desired),
          c.status,
          c.reason ?? '',
          c.strategy,
        ]);
      }
    }
  }
  return lines.map((line) => line.map(csvField).join(',')).join('\r\n') + '\r\n';
}
