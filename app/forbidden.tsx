import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="text-2xl font-bold">You do not have access to this page</h1>
      <p className="mt-2 text-slate-700">
        This area is for portal staff. If you think you should have access, ask an administrator.
      </p>
      <Link href="/orders" className="text-brand-700 mt-6 inline-block font-semibold underline">
        Back to my orders
      </Link>
    </main>
  );
}
