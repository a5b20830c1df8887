import type { EventName, EverynodeServices, ServiceName } from './services.js';
import { eventChannel as anyEventChannel } from '../../common/channels.js';

// The names of every service method and event, without their argument validators: what the preload needs to build
// `window.everynode`, and nothing more. channels.ts pairs each name with its zod schema for the hosts; the preload
// imports this file only, so its bundle does not carry zod. The compiler checks the list against EverynodeServices
// both ways, and a unit test checks it against channels.ts `serviceArgs`.

export { methodChannel } from '../../common/channels.js';

type MethodNames = { readonly [S in ServiceName]: readonly (keyof EverynodeServices[S] & string)[] };

export const serviceMethods = {
  host: ['info'],
  clusters: [
    'getState',
    'switchContext',
    'connect',
    'disconnect',
    'addKubeconfig',
    'reconnect',
    'confirmPlainHttp',
    'removeKubeconfig',
    'reloadKubeconfig',
  ],
  projects: ['getState', 'select', 'add', 'remove'],
  daemonsets: ['redeploy', 'delete', 'create', 'nameAvailable'],
  wizard: ['nodes', 'projectResources', 'createRegistrySecret'],
  detail: ['access', 'deletePod', 'rollback', 'editable', 'update'],
  nodeView: ['cordon', 'drain'],
  editor: ['openapi', 'apply', 'suggestions'],
  drafts: ['list', 'get', 'put', 'putPart', 'discard', 'undoDiscard', 'restorePrevious'],
  exec: ['access', 'input', 'resize'],
  forward: ['access'],
  refs: ['list', 'get'],
  helm: ['release'],
  streams: ['open', 'dispose'],
  consent: ['pending', 'decide', 'list', 'revoke', 'setAllowlist'],
  fleet: ['getState', 'setOptIn'],
} as const satisfies MethodNames;

/** Methods a service declares but `serviceMethods` lacks; `never` when the list is complete. */
type MissingMethods = {
  [S in ServiceName]: Exclude<keyof EverynodeServices[S], (typeof serviceMethods)[S][number]>;
}[ServiceName];
// A compile error here names the method to add to serviceMethods above.
export const serviceMethodsComplete: [MissingMethods] extends [never] ? true : MissingMethods = true;

export const eventNames = [
  'onDidChangeClusters',
  'onDidChangeProjects',
  'onDidReceiveDelta',
  'onDidChangeConsent',
  'onDidChooseCommand',
] as const satisfies readonly EventName[];

type MissingEvents = Exclude<EventName, (typeof eventNames)[number]>;
export const eventNamesComplete: [MissingEvents] extends [never] ? true : MissingEvents = true;

export const eventChannel: (event: EventName) => string = anyEventChannel;
