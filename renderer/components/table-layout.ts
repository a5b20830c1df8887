// Column widths shared by the header and the virtual rows, which are separate grids.
export const ROW_HEIGHT = 60;

export function gridColumns(showProject: boolean): string {
  return [
    '44px',
    'minmax(160px, 1.6fr)',
    ...(showProject ? ['minmax(100px, 1fr)'] : []),
    'minmax(210px, 2.4fr)',
    '104px',
    'minmax(150px, 1.8fr)',
    'minmax(110px, 1.2fr)',
    '72px',
    '206px',
  ].join(' ');
}
