// Node.js entry: loads the WebAssembly module from the package's own files, synchronously.
import { readFileSync } from 'node:fs';
import { initSync } from '../pkg/refund_policy_js.js';

initSync({ module: readFileSync(new URL('../pkg/refund_policy_js_bg.wasm', import.meta.url)) });

export * from './core.js';
