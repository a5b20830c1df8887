// The drafts notice: what came back from the last session, the earlier version offered back, an undo, a refused write.
const draftsEn = {
  restored:
    'Restored {count} draft from your last session: {what}. | Restored {count} drafts from your last session: {what}.',
  what: {
    wizard: 'the Create form',
    editor: 'no files in edit mode | 1 file in edit mode | {count} files in edit mode',
    edit: 'the edit of {name} (project {namespace}, context {context})',
  },
  previous:
    'An earlier version of {count} draft from your last session differs from what is saved now. | An earlier version of {count} drafts from your last session differs from what is saved now.',
  bringBack: 'Bring back the earlier version',
  broughtBack: 'Brought back the earlier version: {what}.',
  discarded: 'Draft discarded: {what}.',
  undo: 'Undo discard',
  conflict: "{what} was saved from another window or tab meanwhile, so this window's changes to it are not saved.",
  loadSaved: 'Load the saved version',
  keepMine: "Save this window's version over it",
  failed: '{what} is not saved: {reason}',
  unknown: 'A draft',
  dismiss: 'Dismiss',
};

export default draftsEn;
