import { z } from 'zod';
import type { SettingsStore } from '../store/settings-store.js';
import { CHARGES, type ChargeRow } from '../domain/charges.js';

/**
 * The council's own details for PCNs, kept in the settings store under one
 * key so an administrator changes them without a release: the two-letter
 * PCN prefix, what is printed on notices, the KADOE enquirer and reason
 * codes, how long keeper data is kept after a case ends, and any rows that
 * replace the national charge table (a London borough's own start date for
 * the 2025 levels, a verified Welsh figure).
 */
export const CouncilPcnSettings = z.object({
  prefix: z.string().trim().regex(/^[A-Za-z]{2}$/, 'the PCN prefix is two letters').transform((s) => s.toUpperCase()),
  councilName: z.string().trim().min(1).max(120),
  addressLines: z.array(z.string().trim().max(120)).max(6),
  phone: z.string().trim().max(40),
  payUrl: z.string().trim().max(200),
  representationsAddress: z.string().trim().max(300),
  /** DVLA KADOE enquirer code (issued to the council under its contract). */
  enquirerCode: z.string().trim().min(1).max(20),
  /** KADOE reason code for enforcing a PCN. */
  keeperReasonCode: z.string().trim().min(1).max(10),
  /** Keeper data is deleted this many days after a case closes or is cancelled (DOMAIN §8: no longer than the case needs). */
  keeperRetentionDays: z.number().int().min(0).max(3650),
  /** Rows replacing CHARGES entirely when non-empty. */
  charges: z.array(z.custom<ChargeRow>((v) => typeof v === 'object' && v !== null && 'amountPence' in v)).default([]),
});
export type CouncilPcnSettings = z.output<typeof CouncilPcnSettings>;

export const PCN_SETTINGS_KEY = 'pcn.council';

export const DEFAULT_PCN_SETTINGS: CouncilPcnSettings = {
  prefix: 'DB',
  councilName: 'Demo Borough Council',
  addressLines: ['Parking and Traffic Services', 'Town Hall', 'High Street', 'Demo Town'],
  phone: '0300 123 4567',
  payUrl: 'https://www.example.gov.uk/pay-pcn',
  representationsAddress: 'Parking and Traffic Services, Town Hall, High Street, Demo Town DT1 1AA',
  enquirerCode: 'DB0001',
  keeperReasonCode: 'PCN',
  keeperRetentionDays: 90,
  charges: [],
};

export function readPcnSettings(settings: SettingsStore): CouncilPcnSettings {
  const stored = settings.get<Partial<CouncilPcnSettings>>(PCN_SETTINGS_KEY) ?? {};
  const name = settings.get<string>('council.name');
  const parsed = CouncilPcnSettings.safeParse({ ...DEFAULT_PCN_SETTINGS, ...(name ? { councilName: name } : {}), ...stored });
  return parsed.success ? parsed.data : DEFAULT_PCN_SETTINGS;
}

export function chargeTable(s: CouncilPcnSettings): readonly ChargeRow[] {
  return s.charges.length ? s.charges : CHARGES;
}
