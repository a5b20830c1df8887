// Column widths shared by the header and the virtual rows, which are separate grids. The minimums with the project
// column (1,116 px, plus 8 gaps of 10 px and 24 px of padding) fit a 1,280 px window, so the actions column is never
// pushed behind a horizontal scroll on a common laptop width.
export const ROW_HEIGHT = 60;

export function gridColumns(showProject: boolean): string {
  return [
    '44px',
    'minmax(150px, 1.4fr)',
    ...(showProject ? ['minmax(100px, 1fr)'] : []),
    // The status reason quotes the cluster ("CreateContainerConfigError on 5 nodes: secret "nope" not found").
    'minmax(200px, 3.4fr)',
    '104px',
    'minmax(130px, 1.4fr)',
    'minmax(110px, 1fr)',
    '72px',
    '206px',
  ].join(' ');
}
