import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/guards";
import { env } from "@/lib/env";
import { COUNTRIES } from "@/lib/sectigo/countries";
import { getProfileForMember } from "@/lib/organizations/profile";
import { getVatNumberForMember } from "@/lib/organizations/vat-number";
import { ProfileForm } from "./profile-form";
import { ValidationList } from "./validation-list";
import { VatNumberForm } from "./vat-number-form";

export const metadata: Metadata = { title: "Company profile" };

// Its own guard until the organization layout (another part of issue 15) wraps it: a member of
// the organization sees the profile, an owner edits it; anyone else gets "not found".
export default async function OrganizationProfilePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const profile = await getProfileForMember(user, id);
  if (!profile) notFound();
  const vat = await getVatNumberForMember(user, id);
  return (
    <>
      <h2 className="mb-1 text-lg font-semibold">Company profile</h2>
      <p className="mb-6 text-sm text-slate-700">
        {profile.organization.name}: the details new orders of this organization start with.
      </p>
      <section aria-labelledby="validated" className="mb-8 max-w-2xl">
        <h3 id="validated" className="mb-2 text-lg font-semibold">
          Validated by Sectigo
        </h3>
        <ValidationList records={profile.validations} />
      </section>
      {vat ? (
        <section aria-labelledby="vat-heading" className="mb-8 max-w-2xl">
          <h3 id="vat-heading" className="mb-2 text-lg font-semibold">
            VAT
          </h3>
          <VatNumberForm
            organizationId={id}
            vatNumber={vat.vatNumber}
            canEdit={vat.canEdit}
            sellerCountry={
              COUNTRIES.find((c) => c.code === env().SELLER_COUNTRY)?.name ?? env().SELLER_COUNTRY
            }
          />
        </section>
      ) : null}
      <ProfileForm
        organizationId={profile.organization.id}
        version={profile.version}
        values={profile.values}
        canEdit={profile.canEdit}
      />
    </>
  );
}
