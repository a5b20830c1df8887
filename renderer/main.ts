import { api } from './api/bridge';

// The entry is only the bridge: its connection (the WebSocket's handshake in a browser) opens while the app's chunk
// downloads and compiles, so the first calls go out on an open socket instead of waiting for both one after the other.
api();
void import('./app');
