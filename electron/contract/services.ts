import type {
  BulkResult,
  ClustersState,
  DaemonSetDelta,
  HostInfo,
  KubeconfigInput,
  ObjectRef,
  ProjectSelection,
  ProjectsState,
  WireResult,
} from './dto.js';

/** The services the backend offers. Every channel and the preload's API derive from this. */
export interface EverynodeServices {
  host: {
    info(): Promise<HostInfo>;
  };
  clusters: {
    getState(): Promise<ClustersState>;
    switchContext(name: string): Promise<ClustersState>;
    addKubeconfig(input: KubeconfigInput): Promise<ClustersState>;
    reconnect(): Promise<ClustersState>;
  };
  projects: {
    getState(context: string): Promise<ProjectsState>;
    select(context: string, selection: ProjectSelection): Promise<ProjectsState>;
    /** Checks access with a SelfSubjectAccessReview first; refuses a namespace the user cannot list DaemonSets in. */
    add(context: string, namespace: string): Promise<ProjectsState>;
    remove(context: string, namespace: string): Promise<ProjectsState>;
  };
  daemonsets: {
    /** Starts (or joins) a watch; batches arrive as `onDidChangeDaemonSets` events. */
    subscribe(context: string, selection: ProjectSelection): Promise<{ subscriptionId: string }>;
    unsubscribe(subscriptionId: string): Promise<void>;
    redeploy(context: string, refs: ObjectRef[]): Promise<BulkResult>;
    delete(context: string, refs: ObjectRef[], propagation: 'Background' | 'Orphan'): Promise<BulkResult>;
  };
}

export interface EverynodeEvents {
  onDidChangeClusters: ClustersState;
  onDidChangeProjects: ProjectsState;
  onDidChangeDaemonSets: DaemonSetDelta;
}

export type ServiceName = keyof EverynodeServices;
export type EventName = keyof EverynodeEvents;

/** What `window.everynode` holds: every service method returning a wire result, plus event subscriptions. */
export type EverynodeBridge = {
  [S in ServiceName]: {
    [M in keyof EverynodeServices[S]]: EverynodeServices[S][M] extends (...args: infer A) => Promise<infer R>
      ? (...args: A) => Promise<WireResult<R>>
      : never;
  };
} & {
  events: { [E in EventName]: (listener: (payload: EverynodeEvents[E]) => void) => () => void };
};
