import diagnosticsEn from './diagnostics-en';

// Edit mode's English messages (part of en.ts under `editor`). vue-i18n syntax: {name} placeholders; `|`, `@` and
// braces are special.
const editorEn = {
  open: 'Edit YAML',
  title: 'Edit mode',
  close: 'Close (keep drafts)',
  showManaged: 'Show managedFields',
  toForm: 'Form',
  offline:
    'Offline: no cluster connected. Editing, checking against the bundled schemas, import and export all work; apply needs a cluster.',
  schemaSource: 'Schemas: {source}',
  schemaCluster: 'Schemas: cluster {context}',
  files: 'Files',
  documents: 'Documents of {file}',
  moreDocuments: 'and {count} more',
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
  apply: {
    title: 'Apply to the cluster',
    preview: 'Check and show diff',
    checking: 'Dry run on the server…',
    applying: 'Applying…',
    confirm: 'Apply {count} document(s)',
    needsCluster:
      'Apply needs a connected cluster. {reason} Your files are kept as drafts: export this file to apply it later, e.g. with kubectl apply -f.',
    exportInstead: 'Export to apply later',
    conflictWith: 'Conflict: fields here are owned by field manager {managers}. Forcing takes them over.',
    forceConfirm: 'I understand that forcing takes these fields from the other manager',
    force: 'Force apply',
    state: {
      new: 'will be created',
      changed: 'will change',
      unchanged: 'no change',
      conflict: 'conflict',
      error: 'refused',
      applied: 'applied',
    },
  },
  limit: {
    tooLarge: 'Line {line}, column {column}: the text is larger than {max} MB, so it is not checked.',
    tooDeep: 'Line {line}, column {column}: nested deeper than {max} levels, so the text is not checked.',
    aliases: 'Line {line}, column {column}: aliases expand to more than {max} MB beyond the text.',
    tooLargeImport: 'Not opened: {file} is larger than {max} MB.',
    tooDeepImport: 'Not opened: {file}, line {line}, column {column}, is nested deeper than {max} levels.',
  },
  notice: {
    noDaemonSet: 'The form edits a DaemonSet; this file has none that parses.',
    restored: 'Restored {count} draft file(s) from your last session.',
    refused: 'Not opened: {files}. Only text files up to 20 MB can be opened.',
    managedHidden: 'Hid server-managed fields (managedFields) in {count} document(s).',
    cannotConvert: 'Cannot switch format while the text does not parse: {reason}',
    commentsDropped: 'Switched to JSON: JSON has no comments, so the YAML comments were dropped.',
    cannotExport: 'Cannot export {file}: fix its syntax errors first.',
    draftNotSaved: 'The draft is not saved: {reason}',
  },
  // Why what needs a server is not offered (edit mode and the wizard, composables/useClusterOnline.ts).
  noCluster: {
    none: 'There is no kubeconfig context.',
    noneNoSandbox: 'There is no kubeconfig context, and the built-in sandbox is off.',
    state: '"{context}" is not connected ({state}).',
  },
  // Which check found a problem (shown under it in the editor's tooltip).
  source: {
    syntax: 'syntax',
    schema: 'schema',
    rule: 'Kubernetes rule',
    yaml: 'YAML',
    server: 'API server',
  },
  // What a completion from the cluster is (shown beside it).
  complete: {
    image: 'image in use',
    configMap: 'ConfigMap',
    secret: 'Secret',
    nodeLabelKey: 'node label',
  },
  diag: diagnosticsEn,
};

export default editorEn;
