import { describe, expect, test } from "vitest";
import { ADMIN, assertRole, hasRole, STAFF } from "@/lib/auth/roles";
import { Refusal } from "@/lib/refusal";
import type { Role } from "@/lib/generated/prisma/enums";

const user = (role: Role) => ({ id: "u1", email: "u@example.com", name: "U", role });

describe("assertRole", () => {
  test("admits exactly the listed roles", () => {
    expect(["CUSTOMER", "SUPPORT", "ADMIN"].filter((r) => hasRole(user(r as Role), STAFF))).toEqual([
      "SUPPORT",
      "ADMIN",
    ]);
    expect(hasRole(user("SUPPORT"), ADMIN)).toBe(false);
    expect(() => assertRole(user("ADMIN"), ADMIN)).not.toThrow();
  });

  test("refuses anyone else as forbidden, naming who may", () => {
    const refusalOf = (fn: () => void) => {
      try {
        fn();
      } catch (error) {
        return error;
      }
      return null;
    };
    const admins = refusalOf(() => assertRole(user("SUPPORT"), ADMIN, "read the audit log"));
    expect(admins).toBeInstanceOf(Refusal);
    expect(admins).toMatchObject({
      code: "forbidden",
      message: "Only administrators can read the audit log.",
    });
    expect(refusalOf(() => assertRole(user("CUSTOMER"), STAFF))).toMatchObject({
      code: "forbidden",
      message: "Only support staff can do this.",
    });
  });
});
