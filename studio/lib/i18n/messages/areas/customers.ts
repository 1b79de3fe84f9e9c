// Messages of the customers area. Keys start with "customers.". Both languages live here so one
// person can add a screen without touching the other catalogues; en.ts and zh-cn.ts merge them.
export const customersEn = {} as const satisfies Record<string, string>;

export const customersZhCN: Record<keyof typeof customersEn, string> = {};
