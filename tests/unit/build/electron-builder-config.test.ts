import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { fuses } from '../../../build/after-pack.mjs';

const root = path.resolve(import.meta.dirname, '../../..');

async function loadConfig(): Promise<Record<string, unknown>> {
  return parse(await readFile(path.join(root, 'build/electron-builder.yml'), 'utf8')) as Record<string, unknown>;
}

// electron-builder 26's own check of its configuration (its validator and its scheme.json), as `npm run dist` runs it.
// One schema object for the whole file: electron-builder compiles it once per object.
const schema: unknown = JSON.parse(await readFile(path.join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8'));
async function validator(): Promise<(config: unknown) => boolean> {
  const { validateSchema } = createRequire(import.meta.url)('app-builder-lib/out/util/config/schemaValidator.js') as {
    validateSchema(schema: unknown, config: unknown): void;
  };
  return (config) => {
    try {
      validateSchema(schema, config);
      return true;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
      return false;
    }
  };
}
let lastError = '';

// Compiling electron-builder's schema takes about 3 s of CPU, stretched past vitest's 5 s on a loaded machine: the
// timeout only guards against a hang, nothing here is timed.
describe('build/electron-builder.yml', { timeout: 60_000 }, () => {
  it("passes electron-builder's own schema", async () => {
    const validate = await validator();
    const valid = validate(await loadConfig());
    expect(valid, lastError).toBe(true);
  });

  it('is checked for real: a misspelt option or a wrong type is rejected', async () => {
    const validate = await validator();
    const config = await loadConfig();
    expect(validate({ ...config, productNme: 'Everynode' })).toBe(false);
    expect(lastError).toContain('productNme');
    expect(validate({ ...config, nsis: { oneClick: 'maybe' } })).toBe(false);
  });

  it('builds AppImage and deb, dmg with the hardened runtime, and nsis', async () => {
    const config = (await loadConfig()) as Record<string, Record<string, unknown>>;
    expect(config.productName).toBe('Everynode');
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect(config.win?.target).toEqual(['nsis']);
    const entitlements = await readFile(path.join(root, String(config.mac?.entitlements)), 'utf8');
    expect(entitlements).toContain('com.apple.security.cs.allow-jit');
    expect(entitlements).not.toContain('allow-dyld-environment-variables');
    expect(config.files).toEqual(
      expect.arrayContaining([
        'dist/main/**',
        'dist/preload/**',
        'dist/sandbox-cluster/**',
        'dist/workers/**',
        'dist/renderer/**',
      ]),
    );
  });

  it('flips the fuses that keep the packaged app from running as Node or loading foreign code', async () => {
    const config = await loadConfig();
    expect(config.afterPack).toBe('./build/after-pack.mjs');
    // Fuse indices from @electron/fuses' FuseV1Options.
    expect(fuses).toMatchObject({ 0: false, 2: false, 3: false, 4: true, 5: true });
  });
});
