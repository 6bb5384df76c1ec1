/** Routes of the evidence feature (filled in by that feature). */
export const evidenceRoutes = {} as const;
