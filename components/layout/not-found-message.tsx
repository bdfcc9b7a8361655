import Link from "next/link";

/**
 * "Page not found" without a landmark of its own: inside the portal, admin and support layouts it
 * sits in their <main>; the root not-found page wraps it in one.
 */
export function NotFoundMessage() {
  return (
    <div className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="text-2xl font-bold">Page not found</h1>
      <p className="mt-2 text-slate-700">The page or order you asked for does not exist, or is not yours.</p>
      <Link href="/orders" className="text-brand-700 mt-6 inline-block font-semibold underline">
        Back to my orders
      </Link>
    </div>
  );
}
