/** Routes of the pcn feature (filled in by that feature). */
export const pcnRoutes = {} as const;
