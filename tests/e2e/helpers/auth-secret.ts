/**
 * The AUTH_SECRET the browser journeys' server runs with (playwright.config.ts). The security suites sign
 * session cookies with it, as Auth.js does, so each kind of user can be played without a sign-in journey.
 */
export { E2E_AUTH_SECRET } from "./e2e-env";
