// The National Competent Authorities for PSD2, with the identifiers and English names a PSD2
// certificate carries (ETSI TS 119 495 Annex D, the list the EBA publishes for this purpose:
// "NCA abbreviations for inclusion in eIDAS certificates"). Browser-safe: the wizard's picker,
// the identifier rules and the sandbox CA read the same list. A change at the EBA is one line.

export interface Nca {
  /** `<country>-<authority>`, e.g. DE-BAFIN: the ncaId and the middle part of a PSD identifier. */
  id: string;
  /** ISO 3166 country of the authority. */
  country: string;
  /** The authority's name in English, as the certificate's NCAName carries it. */
  name: string;
  /**
   * A PSD identifier with a number shaped the way this authority's register writes it, where the
   * shape is known (Belgian enterprise number, BaFin id, Finnish business id, the ACPR's CIB code,
   * the FCA's FRN, the CBI's C-number, the Bank of Italy's and the Bank of Spain's codes).
   */
  example?: string;
}

export const NCAS: readonly Nca[] = [
  { id: "AT-FMA", country: "AT", name: "Austria Financial Market Authority" },
  { id: "BE-NBB", country: "BE", name: "National Bank of Belgium", example: "PSDBE-NBB-0123.456.789" },
  { id: "BG-BNB", country: "BG", name: "Bulgarian National Bank" },
  { id: "HR-CNB", country: "HR", name: "Croatian National Bank" },
  { id: "CY-CBC", country: "CY", name: "Central Bank of Cyprus" },
  { id: "CZ-CNB", country: "CZ", name: "Czech National Bank" },
  { id: "DK-DFSA", country: "DK", name: "Danish Financial Supervisory Authority" },
  { id: "EE-FI", country: "EE", name: "Estonia Financial Supervisory Authority" },
  {
    id: "FI-FINFSA",
    country: "FI",
    name: "Finnish Financial Supervisory Authority",
    example: "PSDFI-FINFSA-1234567-8",
  },
  {
    id: "FR-ACPR",
    country: "FR",
    name: "Prudential Supervisory and Resolution Authority",
    example: "PSDFR-ACPR-12345",
  },
  {
    id: "DE-BAFIN",
    country: "DE",
    name: "Federal Financial Supervisory Authority",
    example: "PSDDE-BAFIN-123456",
  },
  { id: "GR-BOG", country: "GR", name: "Bank of Greece" },
  { id: "HU-CBH", country: "HU", name: "Central Bank of Hungary" },
  { id: "IS-FME", country: "IS", name: "Financial Supervisory Authority" },
  { id: "IE-CBI", country: "IE", name: "Central Bank of Ireland", example: "PSDIE-CBI-C123456" },
  { id: "IT-BI", country: "IT", name: "Bank of Italy", example: "PSDIT-BI-12345" },
  { id: "LI-FMA", country: "LI", name: "Financial Market Authority Liechtenstein" },
  { id: "LV-FCMC", country: "LV", name: "Financial and Capital Markets Commission" },
  { id: "LT-BL", country: "LT", name: "Bank of Lithuania" },
  { id: "LU-CSSF", country: "LU", name: "Commission for the Supervision of Financial Sector" },
  { id: "NO-FSA", country: "NO", name: "The Financial Supervisory Authority of Norway" },
  { id: "MT-MFSA", country: "MT", name: "Malta Financial Services Authority" },
  { id: "NL-DNB", country: "NL", name: "The Netherlands Bank" },
  { id: "PL-PFSA", country: "PL", name: "Polish Financial Supervision Authority" },
  { id: "PT-BP", country: "PT", name: "Bank of Portugal" },
  { id: "RO-NBR", country: "RO", name: "National bank of Romania" },
  { id: "SK-NBS", country: "SK", name: "National Bank of Slovakia" },
  { id: "SI-BS", country: "SI", name: "Bank of Slovenia" },
  { id: "ES-BE", country: "ES", name: "Bank of Spain", example: "PSDES-BE-6789" },
  { id: "SE-FINA", country: "SE", name: "Swedish Financial Supervision Authority" },
  { id: "GB-FCA", country: "GB", name: "Financial Conduct Authority", example: "PSDGB-FCA-123456" },
];

const BY_ID = new Map(NCAS.map((n) => [n.id, n]));

/** The authority with this identifier (e.g. "DE-BAFIN"), if it is on the list. */
export function ncaById(id: string): Nca | undefined {
  return BY_ID.get(id);
}
