import { describe, expect, it } from 'vitest';
import { LogBook, logKey } from '../../../electron/sandbox-cluster/kubelet/logs.js';

describe('kubelet log book', () => {
  it("forgets a pod's container instances, keeps the one asked for, and leaves other pods' logs alone", () => {
    const book = new LogBook(() => 0, 1000);
    for (const uid of ['uid-a', 'uid-b']) {
      for (const attempt of [0, 1]) book.start(logKey(uid, 'app', attempt), `pod-${uid}`, 'nginx:1.27', 0);
    }
    book.start(logKey('uid-a', 'sidecar', 0), 'pod-uid-a', 'nginx:1.27', 0);
    book.forget('uid-a', logKey('uid-a', 'app', 1));
    expect(book.read(logKey('uid-a', 'app', 0))).toBeUndefined();
    expect(book.read(logKey('uid-a', 'sidecar', 0))).toBeUndefined();
    expect(book.read(logKey('uid-a', 'app', 1))?.length).toBeGreaterThan(0);
    expect(book.read(logKey('uid-b', 'app', 0))?.length).toBeGreaterThan(0);
    book.forget('uid-a');
    expect(book.read(logKey('uid-a', 'app', 1))).toBeUndefined();
    // A key dropped on its own (a restart's instance older than the previous) is gone from the pod's keys as well.
    book.drop(logKey('uid-b', 'app', 0));
    book.forget('uid-b');
    expect(book.read(logKey('uid-b', 'app', 1))).toBeUndefined();
  });
});
