// Entry of the script-tag (IIFE) build. It has no exports on purpose: the global is installed
// by installGlobal, which guards against double inclusion and hostile windows, rather than by
// Rollup's `var regulars = ...`, which would overwrite whatever the page already holds.
import { installGlobal } from './global.js';

// Under Node (SSR, tests) there is no window, and nothing must be installed on globalThis.
if (typeof window !== 'undefined') installGlobal(window);
