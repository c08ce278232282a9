/**
 * The plugin's admin API as the server answers it and the admin calls it: request bodies, query
 * strings and answers, declared once and shared by both sides. The server's controllers and
 * services produce these shapes; the admin imports them with `import type`, which the bundler
 * erases, so no server code reaches the browser.
 *
 * Types only: no runtime code here, and no imports of server modules (the admin's build would
 * follow them). Dates are ISO 8601 strings, as JSON carries them.
 */
export type * from './common';
export type * from './campaigns';
export type * from './content';
export type * from './audience';
export type * from './settings';
export type * from './overview';
export type * from './templates';
export type * from './publish-rules';
export type * from './segments';
export type * from './series';
export type * from './events';
export type * from './content-api';
export type * from './engagement';
