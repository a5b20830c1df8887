// Command-line options of the Electron app. The sandbox-cluster switch has its own name because Chromium reads
// `--no-sandbox` itself (it would turn off the renderer sandbox); scripts/start.mjs translates the browser host's
// `--sandbox` / `--no-sandbox` into it.
export interface MainArgs {
  kubeconfigs: string[];
  sandbox: 'auto' | 'on' | 'off';
}

export function parseMainArgs(argv: readonly string[]): MainArgs {
  const result: MainArgs = { kubeconfigs: [], sandbox: 'auto' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--kubeconfig' && i + 1 < argv.length) {
      result.kubeconfigs.push(argv[++i] ?? '');
    } else if (arg.startsWith('--kubeconfig=')) {
      result.kubeconfigs.push(arg.slice('--kubeconfig='.length));
    } else if (arg.startsWith('--everynode-sandbox=')) {
      const value = arg.slice('--everynode-sandbox='.length);
      if (value === 'on' || value === 'off' || value === 'auto') result.sandbox = value;
    }
  }
  result.kubeconfigs = result.kubeconfigs.filter((file) => file !== '');
  // A kubeconfig named on the command line is a kubeconfig: the sandbox is not started for lack of one.
  if (result.sandbox === 'auto' && result.kubeconfigs.length > 0) result.sandbox = 'off';
  return result;
}
