import { AsnArray, AsnConvert, AsnProp, AsnPropTypes, AsnType, AsnTypeTypes } from "@peculiar/asn1-schema";

// The eIDAS QCStatements extension (RFC 3739, ETSI EN 319 412-5) and the PSD2 statement of
// ETSI TS 119 495, as @peculiar/asn1-schema types. The decorators are applied by hand: the
// project compiles standard (not legacy) decorators. Browser-safe: the sandbox CA encodes with
// it, the portal's certificate page decodes with it.

export const QC_STATEMENTS_OID = "1.3.6.1.5.5.7.1.3";

export const QC_OIDS = {
  compliance: "0.4.0.1862.1.1",
  sscd: "0.4.0.1862.1.4",
  pds: "0.4.0.1862.1.5",
  type: "0.4.0.1862.1.6",
  psd2: "0.4.0.19495.2",
} as const;

export const QC_TYPE_OIDS = {
  esign: "0.4.0.1862.1.6.1",
  eseal: "0.4.0.1862.1.6.2",
  web: "0.4.0.1862.1.6.3",
} as const;
export type QcType = keyof typeof QC_TYPE_OIDS;

/** PSD2 roles of TS 119 495 §5.1: OID and the name carried beside it. */
export const PSD2_ROLES = {
  PSP_AS: "0.4.0.19495.1.1",
  PSP_PI: "0.4.0.19495.1.2",
  PSP_AI: "0.4.0.19495.1.3",
  PSP_IC: "0.4.0.19495.1.4",
} as const;
export type Psd2Role = keyof typeof PSD2_ROLES;

function prop(target: object, key: string, options: Parameters<typeof AsnProp>[0]): void {
  AsnProp(options)(target, key);
}

/** QCStatement ::= SEQUENCE { statementId OBJECT IDENTIFIER, statementInfo ANY OPTIONAL } */
export class QcStatement {
  statementId = "";
  statementInfo?: ArrayBuffer;
  constructor(params: Partial<QcStatement> = {}) {
    Object.assign(this, params);
  }
}
prop(QcStatement.prototype, "statementId", { type: AsnPropTypes.ObjectIdentifier });
prop(QcStatement.prototype, "statementInfo", { type: AsnPropTypes.Any, optional: true });

export class QcStatements extends AsnArray<QcStatement> {}
AsnType({ type: AsnTypeTypes.Sequence, itemType: QcStatement })(QcStatements);

/** QcType ::= SEQUENCE OF OBJECT IDENTIFIER */
export class QcTypeSequence extends AsnArray<string> {}
AsnType({ type: AsnTypeTypes.Sequence, itemType: AsnPropTypes.ObjectIdentifier })(QcTypeSequence);

/** PdsLocation ::= SEQUENCE { url IA5String, language PrintableString (SIZE(2)) } */
export class PdsLocation {
  url = "";
  language = "";
  constructor(params: Partial<PdsLocation> = {}) {
    Object.assign(this, params);
  }
}
prop(PdsLocation.prototype, "url", { type: AsnPropTypes.IA5String });
prop(PdsLocation.prototype, "language", { type: AsnPropTypes.PrintableString });

export class PdsLocations extends AsnArray<PdsLocation> {}
AsnType({ type: AsnTypeTypes.Sequence, itemType: PdsLocation })(PdsLocations);

/** RoleOfPSP ::= SEQUENCE { roleOfPspOid OBJECT IDENTIFIER, roleOfPspName UTF8String } */
export class RoleOfPsp {
  roleOfPspOid = "";
  roleOfPspName = "";
  constructor(params: Partial<RoleOfPsp> = {}) {
    Object.assign(this, params);
  }
}
prop(RoleOfPsp.prototype, "roleOfPspOid", { type: AsnPropTypes.ObjectIdentifier });
prop(RoleOfPsp.prototype, "roleOfPspName", { type: AsnPropTypes.Utf8String });

export class RolesOfPsp extends AsnArray<RoleOfPsp> {}
AsnType({ type: AsnTypeTypes.Sequence, itemType: RoleOfPsp })(RolesOfPsp);

/** PSD2QcType ::= SEQUENCE { rolesOfPSP RolesOfPSP, nCAName NCAName, nCAId NCAId } */
export class Psd2QcType {
  rolesOfPsp = new RolesOfPsp();
  ncaName = "";
  ncaId = "";
  constructor(params: Partial<Psd2QcType> = {}) {
    Object.assign(this, params);
  }
}
prop(Psd2QcType.prototype, "rolesOfPsp", { type: RolesOfPsp });
prop(Psd2QcType.prototype, "ncaName", { type: AsnPropTypes.Utf8String });
prop(Psd2QcType.prototype, "ncaId", { type: AsnPropTypes.Utf8String });

/** What a certificate states, in the portal's terms. */
export interface QcStatementsInfo {
  compliance: boolean;
  types: QcType[];
  sscd: boolean;
  pds: { url: string; language: string }[];
  psd2?: { roles: Psd2Role[]; ncaName: string; ncaId: string };
}

/** The DER of the QCStatements extension value. */
export function encodeQcStatements(info: QcStatementsInfo): ArrayBuffer {
  const statements = new QcStatements();
  if (info.compliance) statements.push(new QcStatement({ statementId: QC_OIDS.compliance }));
  if (info.sscd) statements.push(new QcStatement({ statementId: QC_OIDS.sscd }));
  if (info.pds.length > 0) {
    const locations = new PdsLocations(info.pds.map((p) => new PdsLocation(p)));
    statements.push(
      new QcStatement({ statementId: QC_OIDS.pds, statementInfo: AsnConvert.serialize(locations) }),
    );
  }
  if (info.types.length > 0) {
    const types = new QcTypeSequence(info.types.map((t) => QC_TYPE_OIDS[t]));
    statements.push(
      new QcStatement({ statementId: QC_OIDS.type, statementInfo: AsnConvert.serialize(types) }),
    );
  }
  if (info.psd2) {
    const roles = new RolesOfPsp(
      info.psd2.roles.map((r) => new RoleOfPsp({ roleOfPspOid: PSD2_ROLES[r], roleOfPspName: r })),
    );
    const psd2 = new Psd2QcType({ rolesOfPsp: roles, ncaName: info.psd2.ncaName, ncaId: info.psd2.ncaId });
    statements.push(
      new QcStatement({ statementId: QC_OIDS.psd2, statementInfo: AsnConvert.serialize(psd2) }),
    );
  }
  return AsnConvert.serialize(statements);
}

const byOid = <T extends string>(table: Record<T, string>, oid: string): T | undefined =>
  (Object.keys(table) as T[]).find((k) => table[k] === oid);

/** Reads the extension value; unknown statements are skipped. Throws on malformed DER. */
export function decodeQcStatements(der: BufferSource): QcStatementsInfo {
  const statements = AsnConvert.parse(der, QcStatements);
  const info: QcStatementsInfo = { compliance: false, types: [], sscd: false, pds: [] };
  for (const statement of statements) {
    const body = statement.statementInfo;
    switch (statement.statementId) {
      case QC_OIDS.compliance:
        info.compliance = true;
        break;
      case QC_OIDS.sscd:
        info.sscd = true;
        break;
      case QC_OIDS.pds:
        if (body)
          info.pds = AsnConvert.parse(body, PdsLocations).map((p) => ({ url: p.url, language: p.language }));
        break;
      case QC_OIDS.type:
        if (body) {
          info.types = AsnConvert.parse(body, QcTypeSequence)
            .map((oid) => byOid(QC_TYPE_OIDS, oid))
            .filter((t): t is QcType => t !== undefined);
        }
        break;
      case QC_OIDS.psd2:
        if (body) {
          const psd2 = AsnConvert.parse(body, Psd2QcType);
          info.psd2 = {
            roles: psd2.rolesOfPsp
              .map((r) => byOid(PSD2_ROLES, r.roleOfPspOid))
              .filter((r): r is Psd2Role => r !== undefined),
            ncaName: psd2.ncaName,
            ncaId: psd2.ncaId,
          };
        }
        break;
    }
  }
  return info;
}
