import { describe, expect, it } from 'vitest';
import type { PodIssue } from '../../../../electron/contract/dto';
import { messageTranslator } from '../../../../renderer/composables/useMessage';
import { issueMessage, issueReason } from '../../../../renderer/shared/stuck-reason';
import { createAppI18n } from '../../../../renderer/i18n';

// The list row's and the detail page's sentence for each stuck state, as the user reads it in both languages.

function texts(locale: 'en' | 'zh-CN') {
  const i18n = createAppI18n(locale);
  const { t } = i18n.global;
  const translate = messageTranslator((key, params, plural) =>
    plural === undefined ? t(key, params) : t(key, params, plural),
  );
  return (issues: PodIssue[], desired = 5) => {
    const message = issueReason(issues, desired);
    return message ? translate(message) : undefined;
  };
}

const en = texts('en');
const zh = texts('zh-CN');
const five = ['node-1', 'node-2', 'node-3', 'node-4', 'node-5'];

describe('stuck states in plain words', () => {
  it('CreateContainerConfigError on 5 nodes quotes the kubelet message as it is', () => {
    const issue = { reason: 'CreateContainerConfigError', nodes: five, message: 'secret "nope" not found' };
    expect(en([issue])).toBe('CreateContainerConfigError on 5 nodes: secret "nope" not found');
    expect(zh([issue])).toBe('5 个节点上「CreateContainerConfigError」：「secret "nope" not found」');
  });

  it('Pending on 2 nodes: the scheduler shortfalls in words', () => {
    const issue: PodIssue = {
      reason: 'Unschedulable',
      nodes: ['node-1', 'node-2'],
      message: '0/6 nodes are available: 1 Insufficient cpu, ...',
      shortfalls: [{ kind: 'resource', resource: 'cpu' }, { kind: 'hostPort' }],
    };
    expect(en([issue])).toBe('Pending on 2 nodes: not enough CPU, host port in use');
    expect(zh([issue])).toBe('2 个节点上等待调度：CPU 不足，主机端口已被占用');
    const gpu: PodIssue = {
      ...issue,
      nodes: ['gpu-1'],
      shortfalls: [{ kind: 'resource', resource: 'nvidia.com/gpu' }],
    };
    expect(en([gpu])).toBe('Pending on gpu-1: not enough nvidia.com/gpu');
  });

  it('FailedCreate counts the pods the controller could not create and quotes the refusal', () => {
    const issue: PodIssue = {
      reason: 'FailedCreate',
      nodes: [],
      missing: 5,
      message:
        'pods "fluent-bit-" is forbidden: error looking up service account logging/fluent-bit: serviceaccount "fluent-bit" not found',
    };
    expect(en([issue])).toBe(
      'FailedCreate on 5 nodes: pods "fluent-bit-" is forbidden: error looking up service account logging/fluent-bit: serviceaccount "fluent-bit" not found',
    );
    expect(zh([issue])).toMatch(/^5 个节点上「FailedCreate」：「pods "fluent-bit-" is forbidden.*」$/);
  });

  it('CrashLoopBackOff with restarts and the last exit code', () => {
    const issue: PodIssue = {
      reason: 'CrashLoopBackOff',
      nodes: ['node-2'],
      restarts: 4,
      lastExit: { code: 1, reason: 'Error' },
    };
    expect(en([issue])).toBe('CrashLoopBackOff on node-2: restarted 4 times, last exit code 1 (Error)');
    expect(zh([issue])).toBe('节点 node-2 上「CrashLoopBackOff」：已重启 4 次，上次退出码 1（「Error」）');
  });

  it('FailedMount, readiness never passing and init containers', () => {
    const mount = 'MountVolume.SetUp failed for volume "config" : configmap "fluent-bit-config" not found';
    expect(en([{ reason: 'FailedMount', nodes: five, message: mount }])).toBe(`FailedMount on 5 nodes: ${mount}`);
    const probe = 'Readiness probe failed: HTTP probe failed with statuscode: 503';
    expect(en([{ reason: 'NotReady', nodes: ['a', 'b'], message: probe }])).toBe(`Not ready on 2 nodes: ${probe}`);
    expect(zh([{ reason: 'NotReady', nodes: ['a'] }])).toBe('节点 a 上未就绪：容器在运行，但尚未就绪');
    expect(en([{ reason: 'Init:0/1', nodes: five }])).toBe('Init:0/1 on 5 nodes');
  });

  it('names the worst issue (the backend sends them worst first) and how many other reasons there are', () => {
    const issues: PodIssue[] = [
      { reason: 'CrashLoopBackOff', nodes: ['a'], restarts: 2, lastExit: { code: 137, reason: 'OOMKilled' } },
      { reason: 'ContainerCreating', nodes: ['b', 'c'] },
    ];
    expect(en(issues)).toBe(
      'CrashLoopBackOff on a: restarted 2 times, last exit code 137 (OOMKilled) (and 1 more reason)',
    );
    expect(en(issues.slice(1))).toBe('Pulling image on 2 of 5 nodes');
    expect(en([{ reason: 'CrashLoopBackOff', nodes: [] }])).toBeUndefined();
  });

  it("a plain issue without details keeps the short form, the cluster's reason quoted", () => {
    expect(issueMessage({ reason: 'ImagePullBackOff', nodes: ['node-3'] }, 5)).toEqual({
      key: 'status.reason.onNode',
      params: { reason: { key: 'stuck.quoted', params: { text: 'ImagePullBackOff' } }, node: 'node-3' },
    });
  });
});
