import { describe, expect, it } from 'vitest';
import { pageState, type PageInput } from '../../../../renderer/list/page-state';

const base: PageInput = {
  clustersLoaded: true,
  activeContext: 'admin',
  connection: { state: 'connected' },
  projectsError: null,
  listError: null,
  synced: true,
  total: 3,
  shown: 3,
};
const state = (over: Partial<PageInput>) => pageState({ ...base, ...over });

describe('pageState', () => {
  it('shows the table when the list is synced and has rows to show', () => {
    expect(state({})).toEqual({ kind: 'table' });
  });

  it('explains an unreachable cluster with the backend message and offers a retry', () => {
    expect(state({ connection: { state: 'unreachable', message: 'connect ECONNREFUSED 10.0.0.1:6443' } })).toEqual({
      kind: 'problem',
      title: 'state.unreachable',
      message: 'connect ECONNREFUSED 10.0.0.1:6443',
      retry: true,
    });
  });

  it('a context waiting for consent says so, without a retry that would only ask again', () => {
    const waiting = state({ connection: { state: 'needs-consent', message: 'm' }, synced: false, total: 0, shown: 0 });
    expect(waiting).toEqual({ kind: 'info', title: 'consent.waitingTitle', detail: 'consent.waitingHint' });
  });

  it('a plain-HTTP context asks to confirm, a program context waits for Connect, a silent server says so', () => {
    expect(
      state({ connection: { state: 'needs-confirmation', message: 'm' }, synced: false, total: 0, shown: 0 }),
    ).toEqual({
      kind: 'problem',
      title: 'state.plainHttpTitle',
      message: 'm',
      retry: true,
      action: 'confirm-plain-http',
    });
    expect(state({ connection: { state: 'not-connected', message: 'm' }, synced: false, total: 0, shown: 0 })).toEqual({
      kind: 'problem',
      title: 'state.waitingForChoice',
      message: 'm',
      retry: true,
      action: 'connect',
    });
    expect(state({ connection: { state: 'not-responding', message: 'm' }, synced: false, total: 0, shown: 0 })).toEqual(
      {
        kind: 'problem',
        title: 'state.notResponding',
        message: 'm',
        retry: true,
      },
    );
    // Rows already shown stay: the top of the window says they may be out of date.
    expect(state({ connection: { state: 'not-responding' } })).toEqual({ kind: 'table' });
  });

  it('a forbidden project is a problem panel with the message, without a pointless retry', () => {
    const s = state({
      listError: { code: 'forbidden', message: 'cannot list daemonsets in kube-system', status: 403 },
    });
    expect(s).toEqual({
      kind: 'problem',
      title: 'state.forbidden',
      message: 'cannot list daemonsets in kube-system',
      retry: false,
    });
  });

  it('a failure to read the projects explains itself instead of loading forever', () => {
    const s = state({ synced: false, projectsError: { code: 'unreachable', message: 'connect ECONNREFUSED' } });
    expect(s).toEqual({ kind: 'problem', title: 'state.unreachable', message: 'connect ECONNREFUSED', retry: true });
  });

  it('loads until synced, then distinguishes an empty project from a search with no match', () => {
    expect(state({ synced: false })).toEqual({ kind: 'info', title: 'state.loading' });
    expect(state({ total: 0, shown: 0 })).toMatchObject({ title: 'state.emptyTitle', detail: 'state.emptyHint' });
    expect(state({ shown: 0 })).toMatchObject({ title: 'state.noMatchTitle' });
  });

  it('without any context it asks for a kubeconfig', () => {
    expect(state({ activeContext: null })).toMatchObject({ title: 'state.noContextTitle' });
  });
});
