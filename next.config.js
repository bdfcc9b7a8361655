/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
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
  ],
  experimental: {
    authInterrupts: true,
    serverActions: { bodySizeLimit: "1mb" },
  },
  // `npm start` builds on first run; the type check there would double the wait, and `npm test`
  // and CI type-check the whole project anyway (tsc), so start-up builds skip it.
  typescript: { ignoreBuildErrors: process.env.PORTAL_START_BUILD === "1" },
};

export default nextConfig;
