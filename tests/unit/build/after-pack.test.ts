import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

// The Electron binary cannot be downloaded here, so the hook runs for real — the real @electron/fuses, loaded the way
// electron-builder loads hooks — on a stand-in binary: bytes around the fuse wire exactly as Electron lays it out
// (sentinel, wire version, wire length, one byte per fuse: '0' off, '1' on).
const root = path.resolve(import.meta.dirname, '../../..');
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron 45's shipped defaults (its build/fuses/fuses.json5), in FuseV1Options order: RunAsNode,
// EnableCookieEncryption, EnableNodeOptionsEnvironmentVariable, EnableNodeCliInspectArguments,
// EnableEmbeddedAsarIntegrityValidation, OnlyLoadAppFromAsar, LoadBrowserProcessSpecificV8Snapshot,
// GrantFileProtocolExtraPrivileges, WasmTrapHandlers (new since Electron 34's eight).
const SHIPPED_WIRE = '101100011';
// RunAsNode 0, cookies 1, NODE_OPTIONS 0, inspect 0, asar integrity 1, asar only 1, browser V8 snapshot 0, file://
// privileges 0, WebAssembly trap handlers 1.
const FUSED_WIRE = '010011001';
const BEFORE = Buffer.from('\x7fELF...code before the wire...');
const AFTER = Buffer.from('...code after the wire...');

function standInBinary(wire: string): Buffer {
  return Buffer.concat([BEFORE, Buffer.from(SENTINEL), Buffer.from([1, wire.length]), Buffer.from(wire), AFTER]);
}

function wireOf(binary: Buffer): string {
  const start = binary.indexOf(SENTINEL) + SENTINEL.length;
  return binary.subarray(start + 2, start + 2 + (binary[start + 1] ?? 0)).toString('latin1');
}

type Hook = (context: unknown) => Promise<void>;

/** The afterPack hook exactly as electron-builder 26 resolves the configured path (its own resolveFunction). */
async function configuredHook(): Promise<Hook> {
  const config = parse(await readFile(path.join(root, 'build/electron-builder.yml'), 'utf8')) as { afterPack?: string };
  expect(config.afterPack).toBe('./build/after-pack.mjs');
  const resolver = createRequire(import.meta.url)('app-builder-lib/out/util/resolve.js') as {
    resolveFunction(type: string, executor: unknown, name: string, rootSearchDir: string): Promise<unknown>;
  };
  // electron-builder resolves a relative hook path against its working directory (the project root under npm run dist)
  // and, since 26, refuses one that lands outside the workspace root it passes.
  const cwd = process.cwd();
  process.chdir(root);
  try {
    const hook = await resolver.resolveFunction('module', config.afterPack, 'afterPack', root);
    expect(typeof hook).toBe('function');
    return hook as Hook;
  } finally {
    process.chdir(cwd);
  }
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'everynode-fuses-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** What electron-builder hands the hook for an x64 Linux build in `dir`. */
const linuxContext = () => ({
  appOutDir: dir,
  electronPlatformName: 'linux',
  arch: 1,
  packager: { appInfo: { productFilename: 'Everynode' }, executableName: 'everynode' },
});

describe('the afterPack hook named in build/electron-builder.yml', () => {
  it('turns off run-as-node, NODE_OPTIONS and --inspect, turns on cookie encryption, asar integrity and asar-only', async () => {
    const binary = path.join(dir, 'everynode');
    await writeFile(binary, standInBinary(SHIPPED_WIRE));
    const hook = await configuredHook();
    await hook(linuxContext());
    const flipped = await readFile(binary);
    expect(wireOf(flipped)).toBe(FUSED_WIRE);
    // Nothing but the wire changed.
    expect(flipped.length).toBe(standInBinary(SHIPPED_WIRE).length);
    expect(flipped.subarray(0, BEFORE.length)).toEqual(BEFORE);
    expect(flipped.subarray(flipped.length - AFTER.length)).toEqual(AFTER);
  });

  it('sets the same fuses whatever the binary shipped with (every fuse on, every fuse off)', async () => {
    const hook = await configuredHook();
    for (const shipped of ['111111111', '000000000']) {
      await writeFile(path.join(dir, 'Everynode.exe'), standInBinary(shipped));
      await hook({
        appOutDir: dir,
        electronPlatformName: 'win32',
        arch: 1,
        packager: { appInfo: { productFilename: 'Everynode' }, executableName: 'everynode' },
      });
      expect(wireOf(await readFile(path.join(dir, 'Everynode.exe')))).toBe(FUSED_WIRE);
    }
  });

  it("flips the wire inside a macOS app's Electron Framework, in both slices of a universal binary", async () => {
    const framework = path.join(dir, 'Everynode.app/Contents/Frameworks/Electron Framework.framework');
    await mkdir(framework, { recursive: true });
    const slices = Buffer.concat([standInBinary(SHIPPED_WIRE), standInBinary(SHIPPED_WIRE)]);
    await writeFile(path.join(framework, 'Electron Framework'), slices);
    const hook = await configuredHook();
    // x64: no ad-hoc re-signing (that needs macOS's codesign, and only arm64 slices need it).
    await hook({
      appOutDir: dir,
      electronPlatformName: 'darwin',
      arch: 1,
      packager: { appInfo: { productFilename: 'Everynode' }, executableName: 'Everynode' },
    });
    const flipped = await readFile(path.join(framework, 'Electron Framework'));
    const second = flipped.subarray(standInBinary(SHIPPED_WIRE).length);
    expect([wireOf(flipped), wireOf(second)]).toEqual([FUSED_WIRE, FUSED_WIRE]);
  });

  it('fails the packaging on a wire with a fuse it does not set (a newer Electron), instead of leaving it as shipped', async () => {
    await writeFile(path.join(dir, 'everynode'), standInBinary(SHIPPED_WIRE + '1'));
    const hook = await configuredHook();
    await expect(hook(linuxContext())).rejects.toThrow(/strictlyRequireAllFuses/);
  });

  it('fails the packaging when the binary carries no fuse wire, instead of shipping unfused', async () => {
    await writeFile(path.join(dir, 'everynode'), Buffer.concat([BEFORE, AFTER]));
    const hook = await configuredHook();
    await expect(hook(linuxContext())).rejects.toThrow(/sentinel/);
  });
});
