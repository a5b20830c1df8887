import { describe, expect, it } from 'vitest';
import { differingLines, serverWrittenLines } from '../../../../renderer/detail/conflict-lines';

describe('the conflict view’s differing lines', () => {
  it('numbers the lines of each side that the other does not have', () => {
    const theirs = 'a: 1\nb: 2\nteam: ops\nc: 3\n';
    const mine = 'a: 1\nb: 5\nc: 3\nd: 4\n';
    const marks = differingLines(theirs, mine);
    expect([...marks.theirs]).toEqual([2, 3]);
    expect([...marks.mine]).toEqual([2, 4]);
    expect(marks.serverWritten).toBe(0);
    expect(differingLines(theirs, theirs)).toEqual({ theirs: new Set(), mine: new Set(), serverWritten: 0 });
  });

  const version = (rv: string, generation: number, image: string, ready: number) => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  resourceVersion: "${rv}"
  generation: ${generation}
  annotations:
    deprecated.daemonset.template.generation: "${generation}"
    team: ops
spec:
  template:
    spec:
      containers:
        - name: main
          image: ${image}
status:
  numberReady: ${ready}
  observedGeneration: ${generation}
`;

  it('leaves unmarked, and counts apart, the lines the server writes itself', () => {
    const theirs = version('42', 3, 'nginx:1.28', 5);
    const mine = version('17', 2, 'nginx:1.27', 3);
    const marks = differingLines(theirs, mine);
    // Only the image line is a person's change; rv, generation, the annotation and two status lines are the server's.
    expect([...marks.theirs]).toEqual([15]);
    expect([...marks.mine]).toEqual([15]);
    expect(marks.serverWritten).toBe(10);
  });

  it('finds a server-written block to its last line, and no line of a text that does not parse', () => {
    const text = version('1', 1, 'x', 0);
    expect([...serverWrittenLines(text)].sort((x, y) => x - y)).toEqual([5, 6, 8, 16, 17, 18]);
    expect(serverWrittenLines('metadata: [unclosed\n').size).toBe(0);
    // A key of that name elsewhere is the user's: spec.template.metadata.generation is not the object's.
    expect(serverWrittenLines('spec:\n  status: x\nmetadata:\n  name: a\n').size).toBe(0);
  });
});
