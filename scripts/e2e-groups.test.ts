import { describe, expect, test } from "vitest";
import { planGroups } from "./e2e-groups";

describe("planGroups", () => {
  const files = ["a.spec.ts", "b.spec.ts", "c.spec.ts", "d.spec.ts", "e.spec.ts", "zz-secrets.spec.ts"];
  const seconds = { "a.spec.ts": 100, "b.spec.ts": 60, "c.spec.ts": 50, "d.spec.ts": 40 };

  test("every spec runs in exactly one group, the heaviest first to the lightest group", () => {
    const groups = planGroups(2, files, seconds);
    const specs = groups.flatMap((g) => g.specs.filter((s) => s !== "zz-secrets.spec.ts")).sort();
    expect(specs).toEqual(["a.spec.ts", "b.spec.ts", "c.spec.ts", "d.spec.ts", "e.spec.ts"]);
    // a (100) | b (60) + c (50) ; then d (40) to a's group (100 vs 110), e (unknown: 30) to the other.
    expect(groups.map((g) => [g.name, g.seconds])).toEqual([
      ["a", 140],
      ["b", 140],
    ]);
    expect(groups[0]!.specs).toEqual(["a.spec.ts", "d.spec.ts", "zz-secrets.spec.ts"]);
  });

  test("the secret sweep ends every group, and a group with nothing else to run is dropped", () => {
    const groups = planGroups(3, ["a.spec.ts", "b.spec.ts", "zz-secrets.spec.ts"], seconds);
    expect(groups).toHaveLength(2);
    for (const group of groups) expect(group.specs.at(-1)).toBe("zz-secrets.spec.ts");
    expect(new Set(groups.map((g) => g.reportsDir)).size).toBe(2);
  });
});
