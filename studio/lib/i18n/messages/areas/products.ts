// Messages of the products area. Keys start with "products.". Both languages live here so one
// person can add a screen without touching the other catalogues; en.ts and zh-cn.ts merge them.
export const productsEn = {} as const satisfies Record<string, string>;

export const productsZhCN: Record<keyof typeof productsEn, string> = {};
