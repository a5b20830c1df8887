// The matrix's column groups (issue 15: "grouped by project"): the header row above the DaemonSet names, one group
// per run of neighbouring columns of one project. Columns come sorted by `namespace/name`, so a project's columns
// are one run; only the columns in view are grouped, so a group cut by the scroll edge still names its project.

export interface ShownColumn {
  column: { namespace: string };
  /** The column's place among the shown (filtered) columns. */
  at: number;
}

export interface ColumnGroup {
  namespace: string;
  /** The place of its first column. */
  at: number;
  /** How many columns it spans. */
  span: number;
}

export function columnGroups(shown: readonly ShownColumn[]): ColumnGroup[] {
  const groups: ColumnGroup[] = [];
  for (const c of shown) {
    const last = groups.at(-1);
    if (last && last.namespace === c.column.namespace && last.at + last.span === c.at) last.span++;
    else groups.push({ namespace: c.column.namespace, at: c.at, span: 1 });
  }
  return groups;
}
