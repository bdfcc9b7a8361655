/** Path of the order endpoint below the API base URL; the "!" is part of it (spec §1). */
export const AUTO_APPLY_ORDER_PATH = "/products/!AutoApplyOrder";
