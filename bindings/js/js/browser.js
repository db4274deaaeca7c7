// Browser entry: fetches and instantiates the WebAssembly module next to the glue before the
// API is used (top-level await, so importers wait for it).
import init from '../pkg/refund_policy_js.js';

await init();

export * from './core.js';
