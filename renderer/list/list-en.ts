// The list page's own English messages (part of en.ts under `bulk`): confirmations of bulk actions and the notices
// other pages leave for the list. vue-i18n syntax: {name} placeholders; `|` separates plural forms.
const listEn = {
  redeploy: {
    title: 'Redeploy DaemonSet {name}? | Redeploy {count} DaemonSets?',
    restart:
      'No pod restarts now. | 1 pod restarts, replaced as its update strategy allows. | {count} pods restart, replaced as each update strategy allows.',
    onDelete:
      '{names} uses the OnDelete strategy: its pods restart only when deleted. | {names} use the OnDelete strategy: their pods restart only when deleted.',
    confirm: 'Redeploy {count} DaemonSet | Redeploy {count} DaemonSets',
  },
  podsDeleted:
    'No pods run now. | 1 pod runs now: it is deleted too unless you orphan it below. | {count} pods run now: they are deleted too unless you orphan them below.',
  notice: {
    notInContext:
      'There is no DaemonSet {name} in project {namespace} of {context}: here are the DaemonSets of {context}.',
    dismiss: 'Dismiss',
  },
};

export default listEn;
