export * from './core/index.js';
export { VERSION } from './version.js';
export { createTracker } from './tracker/tracker.js';
export type { Tracker, TrackerState } from './tracker/tracker.js';
export type { ConsentState, InitOptions, Properties, TrackingEvent } from './tracker/types.js';
export { snippet, STUB_SOURCE } from './snippet.js';
export type { SnippetOptions } from './snippet.js';
