// Column widths shared by the header and the virtual rows, which are separate grids.
export const ROW_HEIGHT = 60;

export function gridColumns(showProject: boolean): string {
  return [
    '44px',
    'minmax(170px, 1.6fr)',
    ...(showProject ? ['minmax(110px, 1fr)'] : []),
    'minmax(240px, 2.4fr)',
    '112px',
    'minmax(170px, 1.8fr)',
    'minmax(120px, 1.2fr)',
    '72px',
    '170px',
  ].join(' ');
}
