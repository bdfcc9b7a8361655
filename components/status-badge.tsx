import type { OrderStatus } from "@/lib/generated/prisma/enums";
import { STATUS_LABELS, statusBadgeClass } from "@/lib/orders/model/status";

export function StatusBadge({ status }: { status: OrderStatus }) {
  return (
    <span
      className={`inline-block rounded-full px-2 py-0.5 text-xs font-semibold ${statusBadgeClass(status)}`}
    >
      {STATUS_LABELS[status].label}
    </span>
  );
}
