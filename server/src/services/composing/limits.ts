/**
 * The limits every Liquid render and every worker task runs under, so that no template, however
 * hostile, blocks the event loop of the process that serves the site or grows its heap.
 * See docs/architecture.md, "Composing".
 */

/**
 * Per-recipient renders run on the main thread, just before each message goes: a message's
 * subject, HTML and text together stop after this.
 */
export const RECIPIENT_RENDER_MS = 50;

/** Campaign-level Liquid (phase 1) runs in a render worker, once per saved version. */
export const CAMPAIGN_RENDER_MS = 1_000;

// liquidjs counts memory in the units its filters and ranges allocate (characters, array items):
// `(1..100000000)` is refused before its array exists.
export const RECIPIENT_MEMORY_UNITS = 1_000_000;
export const CAMPAIGN_MEMORY_UNITS = 5_000_000;

/** Longest text Liquid parses: ten times the longest MJML source a campaign may hold. */
export const PARSE_LIMIT_CHARS = 5_000_000;

/** A render worker's task (phase 1, the MJML compile, a preview) is stopped, the thread ended, after this. */
export const WORKER_TASK_MS = 15_000;

/** The heap of a render worker; past it the thread ends and the task fails, the site's process unharmed. */
export const WORKER_OLD_GENERATION_MB = 256;
export const WORKER_YOUNG_GENERATION_MB = 32;
