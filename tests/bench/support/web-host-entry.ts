// The browser host as electron/web/cli.ts starts it, plus one thing the CLI does not offer: the renderer directory.
// The bench builds the renderer into a directory of its own, so that other work rebuilding dist/renderer in this
// checkout cannot pull the files away mid-run. Prints the CLI's line.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { defaultStateDir } from '../../../electron/web/cli-options.js';
import { startWebHost } from '../../../electron/web/host.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { kubeconfig: { type: 'string' }, 'static-dir': { type: 'string' } },
    strict: true,
  });
  const home = os.homedir();
  const host = await startWebHost({
    port: 0,
    kubeconfigs: values.kubeconfig ? [values.kubeconfig] : [],
    sandbox: 'off',
    homeDir: home,
    stateDir: defaultStateDir(process.env, home),
    ...(values['static-dir'] ? { staticDir: values['static-dir'] } : {}),
  });
  console.log(`everynode web: ${host.url}`);
  const stop = (): void => {
    host.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

// A CommonJS bundle of this file (bundle.ts) cannot hold a top-level await.
main().catch((error: unknown) => {
  console.error(`everynode web: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
