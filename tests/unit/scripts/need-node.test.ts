import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeTooOld } from '../../../scripts/need-node.mjs';

describe('the Node.js version guard of npm start / web / test', () => {
  it('lets a Node that meets engines.node through, whatever its minor and patch', () => {
    expect(nodeTooOld('>=24', '24.0.0')).toBeUndefined();
    expect(nodeTooOld('>=24', 'v26.12.1')).toBeUndefined();
    expect(nodeTooOld('>=22.19.0', '22.19.0')).toBeUndefined();
    expect(nodeTooOld('>=22.19', '23.0.0')).toBeUndefined();
  });

  it('stops an older Node with one line naming the range, the running version and the way to Node 24', () => {
    const message = nodeTooOld('>=24', 'v20.20.2');
    expect(message).toContain('needs Node.js >=24');
    expect(message).toContain('v20.20.2');
    expect(message).toContain('scripts/node24.sh');
    expect(message).not.toContain('\n');
    expect(nodeTooOld('>=22.19', '22.18.9')).toContain('v22.18.9');
  });

  it('refuses an engines range it cannot read rather than letting every version through', () => {
    expect(() => nodeTooOld('^24', '24.1.0')).toThrow(/engines\.node/);
  });

  it('reads the engines.node of package.json, which is Node 24', () => {
    const range = JSON.parse(readFileSync('package.json', 'utf8')).engines.node as string;
    expect(nodeTooOld(range, '24.0.0')).toBeUndefined();
    expect(nodeTooOld(range, '22.22.0')).toBeDefined();
  });
});
