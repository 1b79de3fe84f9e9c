// Messages of the segments area. Keys start with "segments.". Both languages live here so one
// person can add a screen without touching the other catalogues; en.ts and zh-cn.ts merge them.
export const segmentsEn = {} as const satisfies Record<string, string>;

export const segmentsZhCN: Record<keyof typeof segmentsEn, string> = {};
