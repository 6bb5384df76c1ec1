/** Routes of the media feature (filled in by that feature). */
export const mediaRoutes = {} as const;
