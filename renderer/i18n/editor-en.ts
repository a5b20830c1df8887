// Edit mode's English messages (part of en.ts under `editor`). vue-i18n syntax: {name} placeholders; `|`, `@` and
// braces are special.
const editorEn = {
  open: 'Edit YAML',
  title: 'Edit mode',
  close: 'Close (keep drafts)',
  offline:
    'Offline: no cluster connected. Editing, checking against the bundled schemas, import and export all work; apply needs a cluster.',
  schemaSource: 'Schemas: {source}',
  files: 'Files',
  documents: 'Documents of {file}',
  noFiles: 'No open files.',
  newFile: 'New',
  newFromTemplate: 'New from template',
  template: {
    'node-exporter': 'node-exporter DaemonSet',
    'log-collector': 'log-collector DaemonSet',
  },
  import: 'Import files',
  exportFile: 'Export this file',
  exportAll: 'Export all',
  exportAs: 'Export format',
  closeFile: 'Close {file}',
  yaml: 'YAML',
  json: 'JSON',
  closeMark: '×',
  format: 'Format',
  editorLabel: 'Code of {file}',
  untitledDocument: 'document {index}',
  problems: 'Problems',
  noProblems: 'No problems found.',
  problemAt: 'Line {line}, column {column}',
  severity: {
    error: 'Error',
    warning: 'Warning',
    info: 'Note',
  },
  draftSaved: 'Draft saved {time}',
  notice: {
    restored: 'Restored {count} draft file(s) from your last session.',
    refused: 'Not opened: {files}. Only text files up to 20 MB can be opened.',
    managedHidden: 'Hid server-managed fields (managedFields) in {count} document(s).',
    cannotConvert: 'Cannot switch format while the text does not parse: {reason}',
    commentsDropped: 'Switched to JSON: JSON has no comments, so the YAML comments were dropped.',
    cannotExport: 'Cannot export {file}: fix its syntax errors first.',
    draftNotSaved: 'The draft could not be saved (storage is full).',
  },
};

export default editorEn;
