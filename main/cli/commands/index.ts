import type { CliCommand } from '../command.js';
// One import per command file; keep the list sorted by command path.
// (helpers: add your import here)
import { anprParseCommand } from './anpr-parse.js';
import { auditVerifyCommand } from './audit-verify.js';
import { verifyCommand } from './verify.js';
import { keeperExportCommand } from './pcn-keeper-export.js';
import { keeperImportCommand } from './pcn-keeper-import.js';
import { pcnExportCommand } from './pcn-export.js';
import { pcnImportPaymentsCommand } from './pcn-import-payments.js';
import { pcnIssueCommand } from './pcn-issue.js';
import { camerasDiscoverCommand } from './cameras-discover.js';
import { reportDefectsCommand } from './report-defects.js';
import { rulesInForceCommand } from './rules-in-force.js';
import { rulesPcnDatesCommand } from './rules-pcn-dates.js';
import { serveCommand } from './serve.js';
import { doctorCommand } from './doctor.js';
import { demoCommand } from './demo.js';
import { startCommand } from './start.js';
import { vrmCommand } from './vrm.js';
import { whitelistCheckCommand } from './whitelist-check.js';
import { whitelistImportCommand } from './whitelist-import.js';

export const commands: CliCommand[] = [
  // (helpers: add your command here)
  anprParseCommand,
  auditVerifyCommand,
  camerasDiscoverCommand,
  keeperExportCommand,
  keeperImportCommand,
  pcnExportCommand,
  pcnImportPaymentsCommand,
  pcnIssueCommand,
  reportDefectsCommand,
  rulesInForceCommand,
  rulesPcnDatesCommand,
  serveCommand,
  doctorCommand,
  demoCommand,
  startCommand,
  verifyCommand,
  vrmCommand,
  whitelistCheckCommand,
  whitelistImportCommand,
];
