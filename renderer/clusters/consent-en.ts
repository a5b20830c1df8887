// Consent before a kubeconfig's credential program runs, and the settings view of remembered decisions.
const consentEn = {
  title: 'Run a credential program?',
  body: 'To connect to context "{context}", its kubeconfig asks Everynode to run this program on your computer. It runs with your permissions. Nothing has been run yet.',
  command: 'Command',
  arguments: 'Arguments',
  env: 'Environment variables',
  file: 'Kubeconfig file',
  kind: 'Kind',
  authProvider: 'Legacy auth provider (cmd-path, run through a shell)',
  none: 'None',
  warning:
    'Allow it only if you trust where this kubeconfig came from. Your answer is remembered for this file, command and arguments.',
  allow: 'Allow and connect',
  deny: "Don't run",
  settingsButton: 'Credential programs',
  settingsTitle: 'Credential programs',
  settingsHint: 'Programs that kubeconfig files asked to run, and your answers. Revoke one to be asked again.',
  decisions: 'Remembered decisions',
  noDecisions: 'No decisions yet.',
  decision: 'Decision',
  actions: 'Actions',
  allowed: 'Allowed',
  refused: 'Not run',
  revoke: 'Revoke',
  revokeLabel: 'Revoke the decision for {command}',
  allowlist: 'Allowlist',
  allowlistHint:
    'One per line: a command name found on PATH (e.g. gke-gcloud-auth-plugin) or an absolute path. These run without asking.',
  saveAllowlist: 'Save allowlist',
  close: 'Close',
  executable: 'Runs',
  shell: 'through the shell: its arguments are shell text',
  nativeHint: 'You confirm in a system dialog of the app, which this page cannot answer for you.',
  moreWaiting: 'Other contexts waiting for an answer after this one: {contexts}',
  allowlistReadOnly:
    'In the browser host the allowlist is set when the host starts (--allow-program) or in consent.json in its state directory, not from this page.',
  waitingTitle: 'Waiting for your consent',
  waitingHint:
    'This context needs to run a credential program, and nothing has been run. Answer the dialog, or open Credential programs at the top to change an earlier answer.',
};

export default consentEn;
