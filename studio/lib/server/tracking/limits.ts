// The Segment HTTP tracking spec's limits; clients split their batches to stay under them.

/** 500 KB per request, measured on the body as sent and again after decompression. */
export const MAX_REQUEST_BYTES = 500 * 1024;
/** 32 KB per event, measured on the event's JSON. */
export const MAX_EVENT_BYTES = 32 * 1024;
/** Objects nested deeper than this are refused: nothing legitimate nests so deep. */
export const MAX_DEPTH = 32;
/** Ids longer than this are refused rather than stored. */
export const MAX_ID_LENGTH = 255;
export const MAX_EVENT_NAME_LENGTH = 200;
/** In-flight ingest requests per process before new ones get 429. */
export const MAX_IN_FLIGHT = 64;
/** Event times before this are taken for a broken clock and replaced by the arrival time. */
export const EARLIEST_TIMESTAMP = Date.UTC(2000, 0, 1);
