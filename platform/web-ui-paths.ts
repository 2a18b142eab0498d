/**
 * Where the Temporal Web UI lives behind the API (engineers only, see api/staff-access/temporal-web-ui.ts): the UI
 * is served under this path (`--ui-public-path`), and calls the API's codec server at
 * {@link CODEC_PATH} on the same origin, so the engineer's session cookie goes with its calls.
 */
export const TEMPORAL_WEB_UI_PATH = '/temporal';
export const CODEC_PATH = '/codec';
