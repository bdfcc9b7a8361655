import { Button } from "@/components/ui/button";

/**
 * The wizard's first question for someone who may order for a company organization: whose order
 * it is. A plain GET form (works without JavaScript); the draft is created for the choice on its
 * first save, and the server checks again that the user may order for it.
 */
export function OrderFor({ organizations }: { organizations: { id: string; name: string }[] }) {
  return (
    <form method="get" action="/orders/new" className="max-w-xl" aria-labelledby="order-for-legend">
      <fieldset className="rounded-lg border border-slate-200 bg-white p-4">
        <legend id="order-for-legend" className="px-1 text-base font-semibold">
          Order for
        </legend>
        <div className="mt-1 space-y-2">
          <label htmlFor="for-personal" className="flex items-center gap-2 text-sm">
            <input id="for-personal" type="radio" name="for" value="personal" defaultChecked />
            Myself (a personal order)
          </label>
          {organizations.map((org) => (
            <label key={org.id} htmlFor={`for-${org.id}`} className="flex items-center gap-2 text-sm">
              <input id={`for-${org.id}`} type="radio" name="for" value={org.id} />
              {org.name}
            </label>
          ))}
        </div>
        <Button type="submit" className="mt-3">
          Continue
        </Button>
      </fieldset>
    </form>
  );
}
