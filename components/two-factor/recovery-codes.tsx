import Link from "next/link";

/** The recovery codes, shown once right after they were made; only their hashes are kept. */
export function RecoveryCodes({ codes, continueTo }: { codes: string[]; continueTo?: string }) {
  return (
    <section
      aria-labelledby="recovery-heading"
      className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3"
    >
      <h2 id="recovery-heading" className="font-semibold">
        Your recovery codes
      </h2>
      <p className="mt-1 text-sm">
        Keep these somewhere safe, apart from your phone. Each code signs you in once if you lose your second
        factor. They are shown only now.
      </p>
      <ul aria-label="Recovery codes" className="mt-2 grid grid-cols-2 gap-1 font-mono text-sm">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      {continueTo ? (
        <Link
          href={continueTo}
          className="bg-brand-600 mt-3 inline-flex min-h-10 items-center rounded-md px-4 py-2 text-sm font-semibold text-white"
        >
          I have saved them, continue
        </Link>
      ) : null}
    </section>
  );
}
