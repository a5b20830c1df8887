// Column widths shared by the header and the virtual rows, which are separate grids.
export const ROW_HEIGHT = 60;

export function gridColumns(showProject: boolean): string {
  return [
    '44px',
    'minmax(180px, 2fr)',
    ...(showProject ? ['minmax(110px, 1fr)'] : []),
    'minmax(210px, 2.2fr)',
    '120px',
    'minmax(150px, 1.6fr)',
    'minmax(110px, 1fr)',
    '76px',
    '190px',
  ].join(' ');
}
