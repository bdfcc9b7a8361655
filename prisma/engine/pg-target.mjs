// Connection-string helpers and Prisma's user-facing connection error codes (P1xxx) for
// PostgreSQL servers, shared by the one-shot `cli` subcommands and the adapter factory.
import pg from "pg";

/** Parsed parts of a postgres:// URL that error messages and admin connections need. */
export function describeUrl(url) {
  const u = new URL(url);
  const database = decodeURIComponent(u.pathname.replace(/^\//, "")) || "postgres";
  const host = u.hostname || u.searchParams.get("host") || "localhost";
  const port = u.port || "5432";
  const user = decodeURIComponent(u.username) || process.env.PGUSER || "postgres";
  return {
    database,
    host,
    port,
    user,
    location: `${host}:${port}`,
    schema: u.searchParams.get("schema") ?? undefined,
  };
}

/** The URL with another database name, keeping credentials and options. */
export function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/**
 * pg reads unknown query parameters as connection options, while `schema` is Prisma's own
 * (the PostgreSQL schema to migrate), so it is removed before pg sees the URL.
 */
export function pgConnectionString(url) {
  const u = new URL(url);
  u.searchParams.delete("schema");
  return u.toString();
}

export function quoteIdent(name) {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Runs `fn` on a short-lived client; falls back to the `postgres` database if `url`'s is missing. */
export async function withAdminClient(url, fn) {
  let client = new pg.Client({ connectionString: pgConnectionString(url) });
  try {
    await client.connect();
  } catch (error) {
    if (error?.code !== "3D000") throw error;
    client = new pg.Client({ connectionString: pgConnectionString(withDatabase(url, "postgres")) });
    await client.connect();
  }
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Maps a pg / network error to the error code and message the native engine would report. */
export function toPrismaError(error, url) {
  const { database, location, user } = describeUrl(url);
  const code = error?.code;
  if (code === "3D000") {
    return {
      code: "P1003",
      message: `Database \`${database}\` does not exist on the database server at \`${location}\`.`,
    };
  }
  if (code === "28P01" || code === "28000") {
    return {
      code: "P1000",
      message:
        `Authentication failed against database server, the provided database credentials for \`${user}\` are not valid.\n\n` +
        `Please make sure to provide valid database credentials for the database server at \`${location}\`.`,
    };
  }
  if (code === "42501")
    return { code: "P1010", message: `User \`${user}\` was denied access on the database \`${database}\`` };
  if (code === "42P04") {
    return {
      code: "P1009",
      message: `Database \`${database}\` already exists on the database server at \`${location}\``,
    };
  }
  if (["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ETIMEDOUT", "ECONNRESET", "EAI_AGAIN"].includes(code)) {
    return {
      code: "P1001",
      message: `Can't reach database server at \`${location}\`\n\nPlease make sure your database server is running at \`${location}\`.`,
    };
  }
  return { code: undefined, message: error instanceof Error ? error.message : String(error) };
}
