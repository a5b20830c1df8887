// The keyboard's messages: the command palette, the shortcuts dialog and each command's name.
export default {
  command: {
    palette: 'Open the command palette',
    shortcuts: 'Show keyboard shortcuts',
    search: 'Search this page',
    createDaemonSet: 'Create DaemonSet',
    openList: 'Open DaemonSets',
    openNodes: 'Open Nodes',
    openFleet: 'Open Fleet',
    openClusters: 'Open Clusters',
  },
  palette: {
    button: 'Go to…',
    title: 'Command palette',
    label: 'Go to a DaemonSet, node, project or context, or run an action',
    placeholder: 'Type part of a name',
    results: 'Results',
    empty: 'Nothing matches “{query}”.',
    hint: '↑ ↓ to move, Enter to open, Escape to close',
    kind: {
      action: 'Actions',
      daemonSet: 'DaemonSets',
      node: 'Nodes',
      project: 'Projects',
      context: 'Contexts',
    },
    switchLanguage: 'Switch language to {language}',
    switchContext: 'Switch to context {name}',
    showProject: 'Show project {name}',
    loadingNodes: 'Loading nodes…',
  },
  // The terminal's keys (TERMINAL_KEYS): each is Escape then one more key.
  terminal: {
    then: 'then',
    next: 'Leave the terminal for the next control',
    previous: 'Leave the terminal for the previous control',
    close: 'Close the pod panel (on a detail page: the shell)',
  },
  shortcuts: {
    title: 'Keyboard shortcuts',
    key: 'Key',
    action: 'Action',
    close: 'Close',
    everywhere: 'Works in text fields too',
    general: 'Everywhere',
    generalRows: {
      tab: 'Move to the next or previous control',
      activate: 'Press the focused button or link, open the focused row',
      escape:
        'Close a menu, a list of suggestions or a question; the wizard and edit mode stay open (close them with their Close button)',
      editor:
        'In the code editor its own keys win (completion, search, undo) and app shortcuts wait; in a terminal every key goes to the shell except the terminal keys below',
    },
    terminal: 'In a terminal',
    keys: { tab: 'Tab / Shift+Tab', activate: 'Enter / Space', escape: 'Escape', editor: 'Code editor, terminal' },
  },
};
