import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { E2E_AUTH_SECRET } from "./tests/e2e/helpers/e2e-env";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${PORT}`;

/** CHROMIUM_PATH, else Debian's chromium, else Playwright's own browser (undefined). */
function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  return undefined;
}

// Without DATABASE_URL the app and the global setup use their own database on the embedded server, never the
// developer's demo database. Set on this process too, so the global setup (same process) sees it.
if (!process.env.DATABASE_URL) process.env.EMBEDDED_DB_NAME = "balagh_e2e";

const serverEnv: Record<string, string> = {
  AUTH_SECRET: E2E_AUTH_SECRET,
  AUTH_TRUST_HOST: "true",
  // Production refuses to start without it (links in messages are built from it, never from the request).
  APP_URL: baseURL,
  BALAGH_DEMO_MODE: "true",
  NEXT_TELEMETRY_DISABLED: "1",
  ...(process.env.DATABASE_URL
    ? { DATABASE_URL: process.env.DATABASE_URL }
    : { EMBEDDED_DB_NAME: "balagh_e2e" }),
};

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "tests/e2e/.artifacts",
  globalSetup: "./tests/e2e/global-setup.ts",
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: "list",
  timeout: 30_000,
  use: {
    baseURL,
    screenshot: "only-on-failure",
    trace: "off",
    video: "off",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: chromiumPath(),
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
          ],
        },
      },
    },
  ],
  webServer: {
    // A production build, made beforehand by `npm test` (scripts/test.mjs).
    command: `npm run start -- -p ${PORT}`,
    url: `${baseURL}/api/health`,
    env: serverEnv,
    timeout: 120_000,
    reuseExistingServer: false,
    // Playwright's default is SIGKILL, which would leave the embedded PostgreSQL running.
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    // The server's request logs stay out of the test output; its errors are shown.
    stdout: "ignore",
    stderr: "pipe",
  },
});
