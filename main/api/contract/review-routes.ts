/** Routes of the review feature (filled in by that feature). */
export const reviewRoutes = {} as const;
