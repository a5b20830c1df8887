// electron-builder afterPack hook: flips Electron's fuses in the packaged binary before it is signed.
// electron-builder 26 imports a .mjs hook and calls its `afterPack` export (or the default one). Its own
// `electronFuses` option would do the same with the @electron/fuses 1.x it bundles; this hook uses the current 2.x
// and requires every fuse of the wire to be set, so an Electron that adds a fuse fails the packaging until we decide.
import path from 'node:path';
import { flipFuses, FuseVersion, FuseV1Options } from '@electron/fuses';

/** The fuse settings every installer ships with; the unit test reads them too. */
export const fuses = {
  version: FuseVersion.V1,
  strictlyRequireAllFuses: true,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // The renderer is served from a custom app:// protocol, so file:// needs no extra privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  // As shipped: one V8 snapshot for every process; WebAssembly bounds checks by the OS trap handler (fast and safe).
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  [FuseV1Options.WasmTrapHandlers]: true,
};

// electron-builder's Arch enum (builder-util): arm64 = 3, universal = 4.
const ARCHES_SIGNED_AD_HOC = new Set([3, 4]);

function executablePath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const name = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return path.join(appOutDir, `${name}.app`);
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${name}.exe`);
  return path.join(appOutDir, packager.executableName);
}

export async function afterPack(context) {
  await flipFuses(executablePath(context), {
    ...fuses,
    // Flipping fuses invalidates the ad-hoc signature of arm64 macOS binaries (a universal one holds an arm64 slice);
    // real signing comes after this hook.
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' && ARCHES_SIGNED_AD_HOC.has(context.arch),
  });
}

export default afterPack;
