/**
 * A program a kubeconfig would have the app run to get credentials: an exec credential plugin
 * (`users[].user.exec`) or a legacy auth provider's `cmd-path`. Shown to the user before it ever runs.
 */
export interface CredentialProgram {
  kind: 'exec' | 'auth-provider';
  /** As written in the kubeconfig (a relative path already resolved against the file's directory). */
  command: string;
  args: string[];
  /** Names of the environment variables the kubeconfig sets for it; never their values. */
  envNames: string[];
}

/** A context waiting for the user to allow (or refuse) its credential program. */
export interface ConsentRequest {
  /** Stable per (file, command, args): the key of the decision. */
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
  command: string;
  args: string[];
  allowed: boolean;
  /** Epoch milliseconds. */
  decidedAt: number;
}

export interface ConsentSettings {
  decisions: ConsentDecision[];
  /** Command names (found on PATH) or absolute paths that run without asking, like kubectl's credentialPluginAllowlist. */
  allowlist: string[];
}
