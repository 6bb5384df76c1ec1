/** Routes of the health feature (filled in by that feature). */
export const healthRoutes = {} as const;
