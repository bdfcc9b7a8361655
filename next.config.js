// Headers every response carries, pages and files alike. The content security policy of pages
// needs a nonce per response and is set by proxy.ts; API answers are never meant to be rendered.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  // Production is served over https (behind the reverse proxy); browsers ignore it over http.
  ...(process.env.NODE_ENV === "production"
    ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }]
    : []),
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Lets a second build live beside the usual one (e.g. a benchmark of another checkout).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // Native or WASM packages that must be loaded by Node at run time, not bundled.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@node-rs/argon2",
    "pino",
    "pg",
    "pg-boss",
    "proper-lockfile",
    "nodemailer",
    "smtp-server",
    "mailparser",
    "prom-client",
    // Read from disk at run time by app/developers/assets (the API reference's viewer).
    "swagger-ui-dist",
  ],
  experimental: {
    authInterrupts: true,
    serverActions: { bodySizeLimit: "1mb" },
  },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      {
        source: "/api/:path*",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }],
      },
      {
        source: "/admin/orders/export",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }],
      },
    ];
  },
  // `npm start` builds on first run; the type check there would double the wait, and `npm test`
  // and CI type-check the whole project anyway (tsc), so start-up builds skip it.
  typescript: { ignoreBuildErrors: process.env.PORTAL_START_BUILD === "1" },
};

export default nextConfig;
