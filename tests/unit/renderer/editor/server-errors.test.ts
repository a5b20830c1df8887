import { describe, expect, it } from 'vitest';
import { conflictManagers, fieldSegments, serverDiagnostics } from '../../../../renderer/editor/server-errors';
import { parseYamlText } from '../../../../renderer/editor/yaml-model';
import { DAEMONSET } from './fixtures';

describe('server answers on the editor lines', () => {
  it('reads both path styles the API server writes', () => {
    expect(fieldSegments('.spec.template.spec.containers[name="agent"].image')).toEqual([
      'spec',
      'template',
      'spec',
      'containers',
      { key: 'name', value: 'agent' },
      'image',
    ]);
    expect(fieldSegments('spec.template.spec.volumes[0].hostPath.path')).toEqual([
      'spec',
      'template',
      'spec',
      'volumes',
      0,
      'hostPath',
      'path',
    ]);
  });

  it('puts an apply conflict on the line of the contested field and names the other manager', () => {
    const parsed = parseYamlText(`---\n${DAEMONSET}`);
    const document = parsed.documents[0];
    if (!document) throw new Error('no document');
    const causes = [
      {
        field: '.spec.template.spec.containers[name="agent"].image',
        message: 'conflict with "other"',
        reason: 'FieldManagerConflict',
      },
    ];
    const [found] = serverDiagnostics(document, parsed.lines, 'Apply failed with 1 conflict', causes);
    expect(found).toMatchObject({ line: 22, column: 11, source: 'server' });
    expect(conflictManagers(causes)).toEqual(['other']);
  });

  it('puts a 422 cause on its field, and an answer without causes on the document start', () => {
    const parsed = parseYamlText(DAEMONSET);
    const document = parsed.documents[0];
    if (!document) throw new Error('no document');
    const [onField] = serverDiagnostics(document, parsed.lines, 'invalid', [
      { field: 'spec.template.spec.volumes[0].hostPath.path', message: 'must be absolute' },
    ]);
    expect(onField).toMatchObject({ line: 29, column: 13 });
    const [onStart] = serverDiagnostics(document, parsed.lines, 'forbidden');
    // the document starts after its leading comment
    expect(onStart).toMatchObject({ line: 2, message: 'forbidden' });
  });
});
