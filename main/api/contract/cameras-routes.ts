/** Routes of the cameras feature (filled in by that feature). */
export const camerasRoutes = {} as const;
