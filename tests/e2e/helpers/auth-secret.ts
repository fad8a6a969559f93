/**
 * The AUTH_SECRET the browser journeys' server runs with (playwright.config.ts). The security matrix signs
 * session cookies with it, as Auth.js does, so each kind of user can be played without a sign-in journey.
 */
export const E2E_AUTH_SECRET = "balagh-e2e-test-secret-not-for-production-0123456789";
