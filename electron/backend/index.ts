// The backend's one way in for hosts (electron/main, electron/web, electron/host; docs/architecture.md): hosts create
// one Backend and connect each UI to it. Anything else a host needs from the backend is exported here, and the
// dependency-cruiser rule `hosts-through-backend-index` keeps them from reaching past this file.
export type { Backend, BackendOptions, BackendTuning, ClientSession, EventSink } from './types.js';
export { createBackend } from './create-backend.js';
export { AppError, toErrorDTO } from './errors.js';
// Electron's main process starts the built-in sandbox cluster in a utility process instead of a forked Node.
export type { SandboxLauncher } from './sandbox.js';
// The desktop app's window state is a file of the app's own, written like the backend's state and drafts.
export { writePrivateFile } from './files/private-file.js';
