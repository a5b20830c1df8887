// The shell's English messages (`exec` in en.ts).
const execEn = {
  open: 'Shell',
  openNamed: 'Open a shell in {pod}',
  forbidden: 'No permission: opening a shell needs {verbs} on pods/exec in this project.',
  verbJoin: ' and ',
  title: 'Shell in {pod} on {node}',
  container: 'Container',
  terminal: 'Terminal of {pod}',
  copy: 'Copy selection',
  paste: 'Paste',
  reconnect: 'Reconnect',
  close: 'Close shell',
  // The hint under the terminal, one entry per TERMINAL_KEYS row: "Escape then Tab: next control".
  keys: { colon: ': ', next: 'next control', previous: 'previous control', close: 'close' },
  state: {
    opening: 'Connecting…',
    open: 'Connected. Ctrl+Shift+C copies, Ctrl+Shift+V pastes.',
    exited: 'The shell exited with code {code}.',
    'pod-deleted': 'The pod was deleted; the shell ended.',
    'connection-lost': 'Connection lost: {message}',
    'credentials-expired': 'The session ended: {message}',
    closed: 'The shell ended: {message}',
    failed: 'Could not open the shell: {message}',
  },
};

export default execEn;
