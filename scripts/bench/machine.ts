import { execFileSync } from "node:child_process";
import os from "node:os";
import { onServer } from "./databases";

export interface Machine {
  cores: number;
  memoryGiB: number;
  cpuModel: string;
  node: string;
  postgres: string;
  os: string;
}

export interface RunInfo {
  date: string;
  commit: string;
}

function git(args: string[]): string {
  return execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
}

/** The commit measured: short hash, "+dirty" when the working tree has uncommitted changes. */
export function currentCommit(): string {
  try {
    const hash = git(["rev-parse", "--short", "HEAD"]);
    return git(["status", "--porcelain"]) ? `${hash}+dirty` : hash;
  } catch {
    return "unknown (not a git checkout)";
  }
}

export function runInfo(): RunInfo {
  return { date: new Date().toISOString().replace(/\.\d+Z$/, "Z"), commit: currentCommit() };
}

export async function describeMachine(): Promise<Machine> {
  const [row] = await onServer<{ server_version: string }>("SHOW server_version");
  return {
    cores: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    cpuModel: os.cpus()[0]?.model.trim() ?? "unknown",
    node: process.version,
    postgres: row?.server_version ?? "unknown",
    os: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}
