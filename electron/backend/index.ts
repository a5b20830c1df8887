// The backend's host-facing API (see notes/backend-host-api.md): hosts create one Backend and connect each UI to it.
export type { Backend, BackendOptions, BackendTuning, ClientSession, EventSink } from './types.js';
export { createBackend } from './backend.js';
export { AppError, toErrorDTO } from './errors.js';
