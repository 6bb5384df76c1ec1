import { PageHeader } from '../../components/page-header';
import { AuditPanel } from '../admin/audit-panel';

/** The audit log for supervisors and administrators: search it and check its hash chain (Surveillance Camera Code principle 10). */
export function AuditPage() {
  return (
    <>
      <PageHeader title="Audit" description="Every login, view of footage and cases, export, decision and change, hash-chained so that no entry can be edited or removed unseen." />
      <AuditPanel refreshKey={0} />
    </>
  );
}
