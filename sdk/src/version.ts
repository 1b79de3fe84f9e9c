// Kept by hand because the studio compiles this source directly (no build step to inject it);
// version.test.ts fails when it drifts from package.json.
export const VERSION = '0.1.0';
