import { z } from 'zod';

/**
 * How long each kind of data is kept (UK GDPR Art. 5(1)(e); Surveillance
 * Camera Code principle 6: no longer than needed). Defaults from DOMAIN §8-9:
 * footage about 31 days unless it is evidence (media applies it per camera),
 * reads and their pictures 31 days unless linked to an event or a case,
 * keeper data a period after the case ends (the pcn feature's
 * keeperRetentionDays), case records about 7 years.
 */
export const RetentionSettings = z
  .object({
    footageDays: z.number().int().min(1).max(3650),
    readsDays: z.number().int().min(1).max(3650),
    imagesDays: z.number().int().min(1).max(3650),
    /** Candidate events that never became a case. */
    eventsDays: z.number().int().min(1).max(3650),
    caseYears: z.number().int().min(1).max(50),
    /** How often the sweep runs, hours. */
    sweepEveryHours: z.number().min(1).max(24 * 7),
  })
  .strict();
export type RetentionSettings = z.infer<typeof RetentionSettings>;

export const RETENTION_SETTINGS_KEY = 'dataprotection.retention';

export const defaultRetention: RetentionSettings = { footageDays: 31, readsDays: 31, imagesDays: 31, eventsDays: 31, caseYears: 7, sweepEveryHours: 24 };

export function readRetention(get: <T>(key: string) => T | undefined): RetentionSettings {
  const parsed = RetentionSettings.safeParse({ ...defaultRetention, ...(get<Partial<RetentionSettings>>(RETENTION_SETTINGS_KEY) ?? {}) });
  // A hand-edited setting that no longer parses falls back to the defaults rather than deleting on a bad period.
  return parsed.success ? parsed.data : defaultRetention;
}
