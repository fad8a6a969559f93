/** The web server's secret in the browser journeys: shared by playwright.config.ts and the specs that sign in
 * by minting a session cookie (tests/e2e/helpers/session.ts). A test value, never a deployment's. */
export const E2E_AUTH_SECRET = "balagh-e2e-test-secret-not-for-production-0123456789";
