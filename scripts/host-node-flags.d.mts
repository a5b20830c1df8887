/** The V8 options the browser host starts with (see host-node-flags.mjs). */
export declare const HOST_NODE_FLAGS: readonly string[];
