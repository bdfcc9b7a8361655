import { makeCsr } from "@/tests/support/csr";

// The CSRs the Sectigo tests use, made once per test file (keys are cached per algorithm).

export const SINGLE_DOMAINS = ["example.eu", "www.example.eu"];
export const MULTI_DOMAINS = ["example.eu", "www.example.eu", "shop.example.eu"];

export const ADDRESS_SUBJECT = {
  commonName: "Max Mustermann",
  organizationName: "maurus.networks GmbH",
  streetAddress: "Marienplatz 1",
  localityName: "Munich",
  stateOrProvinceName: "Bayern",
  postalCode: "80331",
  countryName: "DE",
};

async function build() {
  const [person, address, qwac, multi, wildcard, extraDomain, weak, tampered, ed25519] = await Promise.all([
    makeCsr({ subject: { commonName: "Erika Mustermann" } }),
    makeCsr({ subject: ADDRESS_SUBJECT }),
    makeCsr({ subject: { commonName: "example.eu" }, dnsNames: SINGLE_DOMAINS }),
    makeCsr({ subject: { commonName: "example.eu" }, dnsNames: MULTI_DOMAINS }),
    makeCsr({ subject: { commonName: "*.example.eu" }, dnsNames: ["*.example.eu"] }),
    makeCsr({ subject: { commonName: "example.eu" }, dnsNames: ["example.eu", "evil.example.com"] }),
    makeCsr({ algorithm: "RSA-1024", subject: { commonName: "Erika Mustermann" } }),
    makeCsr({ subject: { commonName: "Erika Mustermann" }, tamper: true }),
    makeCsr({ algorithm: "Ed25519", subject: { commonName: "Erika Mustermann" } }),
  ]);
  return { person, address, qwac, multi, wildcard, extraDomain, weak, tampered, ed25519 };
}

export type TestCsrs = Awaited<ReturnType<typeof build>>;

let cached: Promise<TestCsrs> | undefined;

export function testCsrs(): Promise<TestCsrs> {
  cached ??= build();
  return cached;
}
