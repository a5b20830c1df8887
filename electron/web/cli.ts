// `npm run web -- [--port P] [--kubeconfig FILE] [--sandbox] [--no-sandbox] [--allow-program NAME]`: the app in a
// browser.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { defaultStateDir, parseCli, wantsHelp, WEB_USAGE } from './cli-options.js';
import { startWebHost } from './host.js';

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: unknown;
    };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

async function main(): Promise<void> {
  if (wantsHelp(process.argv.slice(2))) {
    process.stdout.write(WEB_USAGE);
    return;
  }
  const options = parseCli(process.argv.slice(2));
  const home = os.homedir();
  const host = await startWebHost({
    port: options.port,
    kubeconfigs: options.kubeconfigs,
    sandbox: options.sandbox,
    allowPrograms: options.allowPrograms,
    homeDir: home,
    stateDir: defaultStateDir(process.env, home),
    kubeconfigEnv: process.env.KUBECONFIG,
    version: packageVersion(),
    // Printed as soon as the server listens: the browser loads the page while the backend is still loading.
    onListening: (url) => console.log(`everynode web: ${url}`),
  });
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    host.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`everynode web: ${error instanceof Error ? error.message : String(error)} (--help lists the options)`);
  process.exit(1);
});
