/** Path of the order endpoint below the API base URL; the "!" is part of it (spec §1). */
export const AUTO_APPLY_ORDER_PATH = "/products/!AutoApplyOrder";

/** The order endpoint's key beside the after-ordering registry's (ENDPOINTS in after-ordering.ts). */
export const AUTO_APPLY_ORDER_KEY = "autoApplyOrder";
