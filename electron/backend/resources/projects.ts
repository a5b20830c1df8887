import type { ProjectsState } from '../../contract/index.js';
import { AppError } from '../errors.js';
import { KINDS } from '../kinds/kinds.js';
import { listObjects, nameOnly } from '../kinds/source.js';
import type { ContextSession } from '../session/session.js';
import type { StateFile } from '../files/state-file.js';
import { isDnsLabel } from '../../../common/names.js';

export const ALL_PROJECTS = '*';

/**
 * Projects (namespaces) per context: everything for a user who may list namespaces, otherwise the context's namespace
 * plus namespaces the user added after a SelfSubjectAccessReview. Choices are remembered per context.
 */
export class Projects {
  private readonly canListAll = new WeakMap<ContextSession, Promise<boolean>>();

  constructor(private readonly state: StateFile) {}

  /** The project shown first: the context's namespace, as kubectl uses it, else `default`. */
  static initial(session: ContextSession): string {
    return session.namespace ?? 'default';
  }

  /** Whether the user may list namespaces cluster-wide (asked once per session). */
  mayListAll(session: ContextSession): Promise<boolean> {
    let answer = this.canListAll.get(session);
    if (!answer) {
      answer = session.can({ verb: 'list', resource: 'namespaces' });
      this.canListAll.set(session, answer);
      answer.catch(() => this.canListAll.delete(session));
    }
    return answer;
  }

  async getState(session: ContextSession): Promise<ProjectsState> {
    const canListAll = await this.mayListAll(session);
    const memory = this.state.context(session.name);
    const added = memory.added ?? [];
    const initial = Projects.initial(session);
    let projects: string[];
    if (canListAll) {
      const list = await listObjects(session, KINDS.namespaces, {}, nameOnly);
      projects = list.items.filter((n) => n !== '');
      projects.sort((a, b) => a.localeCompare(b));
    } else {
      projects = [...new Set([initial, ...added])];
    }
    const valid = (selection: string | undefined): selection is string =>
      selection !== undefined && (projects.includes(selection) || (canListAll && selection === ALL_PROJECTS));
    let selected = valid(memory.selected)
      ? memory.selected
      : projects.includes(initial)
        ? initial
        : (projects[0] ?? initial);
    if (memory.selected === undefined && canListAll) selected = await this.firstChoice(session, selected);
    return { context: session.name, canListAll, projects, added: canListAll ? [] : added, selected };
  }

  /**
   * The first time a context is shown and its kubeconfig names no namespace: kubectl's `default` is often empty (the
   * sandbox's DaemonSets sit in kube-system and monitoring), so an empty `default` opens on All projects instead. The
   * choice is remembered, so the list does not jump later when a DaemonSet appears in `default`.
   */
  private async firstChoice(session: ContextSession, selected: string): Promise<string> {
    if (session.namespace !== undefined || selected !== 'default') return selected;
    // A user who may not list DaemonSets in `default` sees its refusal there, as before: nothing is chosen for them.
    const inDefault = await listObjects(session, KINDS.daemonsets, { namespace: 'default' }, nameOnly).catch(
      () => null,
    );
    if (inDefault === null) return selected;
    const choice = inDefault.items.length === 0 ? ALL_PROJECTS : selected;
    await this.state.update((s) => {
      s.contexts[session.name] = { ...s.contexts[session.name], selected: choice };
    });
    return choice;
  }

  async select(session: ContextSession, selection: string): Promise<ProjectsState> {
    const state = await this.getState(session);
    if (selection === ALL_PROJECTS && !state.canListAll) {
      throw new AppError(
        'forbidden',
        `User "${session.userName}" may not list all namespaces, so "All projects" is not offered.`,
      );
    }
    if (selection !== ALL_PROJECTS && !state.projects.includes(selection)) {
      throw new AppError('not-found', `Project "${selection}" is not among the projects of context "${session.name}".`);
    }
    await this.state.update((s) => {
      s.contexts[session.name] = { ...s.contexts[session.name], selected: selection };
    });
    return { ...state, selected: selection };
  }

  async add(session: ContextSession, namespace: string): Promise<ProjectsState> {
    if (!isDnsLabel(namespace)) {
      throw new AppError(
        'invalid-argument',
        `"${namespace}" is not a valid project name (lowercase letters, digits and "-").`,
      );
    }
    const before = await this.getState(session);
    if (before.projects.includes(namespace)) return before;
    if (before.canListAll) {
      throw new AppError('not-found', `Project "${namespace}" does not exist in context "${session.name}".`);
    }
    const allowed = await session.can({ verb: 'list', resource: 'daemonsets', group: 'apps', namespace });
    if (!allowed) {
      const user = session.userName === '' ? 'this user' : `User "${session.userName}"`;
      throw new AppError(
        'forbidden',
        `${user} may not list DaemonSets in project "${namespace}" (context "${session.name}"), so it was not added.`,
      );
    }
    await this.state.update((s) => {
      const memory = s.contexts[session.name] ?? {};
      s.contexts[session.name] = { ...memory, added: [...new Set([...(memory.added ?? []), namespace])] };
    });
    return this.getState(session);
  }

  async remove(session: ContextSession, namespace: string): Promise<ProjectsState> {
    await this.state.update((s) => {
      const memory = s.contexts[session.name] ?? {};
      const next = { ...memory, added: (memory.added ?? []).filter((n) => n !== namespace) };
      if (next.selected === namespace) delete next.selected;
      s.contexts[session.name] = next;
    });
    return this.getState(session);
  }
}
