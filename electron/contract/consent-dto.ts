/**
 * A program a kubeconfig would have the app run to get credentials: an exec credential plugin
 * (`users[].user.exec`) or a legacy auth provider's `cmd-path`. Shown to the user before it ever runs.
 */
export interface CredentialProgram {
  kind: 'exec' | 'auth-provider';
  /**
   * Where the kubeconfig declares it: `exec` (users[].user.exec), `auth-provider-exec` (an auth provider's
   * config.exec), `gcp` or `azure` (an auth provider's cmd-path, run through the shell when its token expires).
   */
  source: 'exec' | 'auth-provider-exec' | 'gcp' | 'azure';
  /** As written in the kubeconfig (a relative path already resolved against the file's directory). */
  command: string;
  /** The file that runs: an absolute path, bare names found on the user's own PATH (never the kubeconfig's). */
  executable: string;
  /** exec: its arguments. gcp/azure: the cmd-args shell text, if any. */
  args: string[];
  /** Names of the environment variables the kubeconfig sets for it; never their values. */
  envNames: string[];
  /** Runs through the shell (gcp/azure): the arguments are shell text. */
  shell: boolean;
  /** Exactly what is started: the file and its argument vector (for a shell line, the shell and `-c <line>`). */
  spawned: { file: string; args: string[] };
}

/** A context waiting for the user to allow (or refuse) its credential program. */
export interface ConsentRequest {
  /**
   * The key of the decision: the kubeconfig file's identity (its real path, or an upload's content hash), the
   * program's source, command, executable and arguments, its environment's names and a hash of their values.
   */
  id: string;
  context: string;
  /** The kubeconfig file that defines the user (or "upload: <name>" for an uploaded one). */
  file: string;
  program: CredentialProgram;
  /** The user chose "Don't run" before: the context stays unconnected until the decision is revoked or changed. */
  denied: boolean;
}

export interface ConsentDecision {
  id: string;
  file: string;
  kind: CredentialProgram['kind'];
  source: CredentialProgram['source'];
  command: string;
  executable: string;
  args: string[];
  envNames: string[];
  allowed: boolean;
  /** Epoch milliseconds. */
  decidedAt: number;
}

export interface ConsentSettings {
  decisions: ConsentDecision[];
  /** Command names (found on PATH) or absolute paths that run without asking, like kubectl's credentialPluginAllowlist. */
  allowlist: string[];
  /**
   * Whether the page may change the allowlist (the desktop app, after a native confirmation); the browser host's is
   * set on its command line or in consent.json only. Absent from the backend itself, which leaves that to the host.
   */
  allowlistEditable?: boolean;
}
