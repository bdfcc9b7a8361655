/** The addresses CA/B Forum BR 3.2.2.4.4 allows for e-mail validation (Sectigo may add WHOIS ones). */
export function constructedDcvAddresses(domain: string): string[] {
  return ["admin", "administrator", "hostmaster", "postmaster", "webmaster"].map(
    (local) => `${local}@${domain}`,
  );
}
