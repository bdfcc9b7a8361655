import { resetEnvCache } from "@/lib/env";

// Configuration of the code under test, set before any portal module reads it (main.ts imports
// this module first; the logger, for one, reads its level when it is first imported): no job
// worker, warnings only, and a sandbox account that never runs out of credit.
process.env.JOBS_ENABLED = "0";
process.env.LOG_LEVEL = "warn";
process.env.SANDBOX_BALANCE = "1000000000000";
resetEnvCache();
