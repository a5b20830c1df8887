export * from './dto.js';
export * from './detail-dto.js';
export * from './services.js';
export * from './channels.js';
export * from './web-protocol.js';
export * from './consent-dto.js';
export * from './streams.js';
export * from './matrix-dto.js';
