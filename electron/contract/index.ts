export * from './dto.js';
export * from './detail-dto.js';
export * from './services.js';
export * from './channels.js';
export * from './web-protocol.js';
export * from './consent-dto.js';
export * from './streams.js';
export * from './matrix-dto.js';
export * from './fleet-dto.js';
export * from './exec-dto.js';
export * from './node-view-dto.js';
export * from './pod-view-dto.js';
export * from './editor-dto.js';
export * from './forward-dto.js';
// ---- issue 16: metrics ----
export * from './metrics-dto.js';
// ---- issue 18: links between objects, Helm ----
export * from './refs-dto.js';
