// Column widths shared by the header and the virtual rows, which are separate grids.
export const ROW_HEIGHT = 60;

export function gridColumns(showProject: boolean): string {
  return [
    '44px',
    'minmax(160px, 1.4fr)',
    ...(showProject ? ['minmax(100px, 1fr)'] : []),
    // The status reason quotes the cluster ("CreateContainerConfigError on 5 nodes: secret "nope" not found").
    'minmax(240px, 3.4fr)',
    '104px',
    'minmax(150px, 1.4fr)',
    'minmax(110px, 1fr)',
    '72px',
    '206px',
  ].join(' ');
}
