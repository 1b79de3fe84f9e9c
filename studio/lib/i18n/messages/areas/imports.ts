// Messages of the imports area. Keys start with "imports.". Both languages live here so one
// person can add a screen without touching the other catalogues; en.ts and zh-cn.ts merge them.
export const importsEn = {} as const satisfies Record<string, string>;

export const importsZhCN: Record<keyof typeof importsEn, string> = {};
