/** Routes of the anpr feature (filled in by that feature). */
export const anprRoutes = {} as const;
